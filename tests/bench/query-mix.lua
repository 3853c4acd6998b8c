-- wrk script: a fixed mix of searches staff make, cycled in order.
local paths = {
  "/?q=zastupitelstvo",
  "/?q=seniori",
  "/?q=komunitni+planovani",
  "/?q=%22socialnich+sluzeb%22",
  "/?q=rozpoctove+opatreni",
  "/?q=schvaluje+program&razeni=-datum",
  "/?q=dotace&rok=2015",
  "/?q=sluzby&rozhodnuti=1",
  "/?skupina=seniori",
  "/?q=porad*&strana=2",
  "/?q=zastupitelstvo&format=json",
  "/?q=jesenik+OR+vitkov",
}
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
