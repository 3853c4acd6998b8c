# Sourced by the Praha 7 benchmarks (praha7.sh, shards.sh) from the
# project's root: the 31,047 resolutions unpacked once into
# build/praha7/text (never into git).  When ../shared lacks the corpus the
# benchmark says so and ends there.  $1: the benchmark's name.
praha7_src=../shared/corpus/praha7/praha7-usneseni.tar.xz
if [ ! -f "$praha7_src" ]; then
  echo "$1: $praha7_src absent, skipped"
  exit 0
fi
[ -d build/praha7/text ] || tar -xJf "$praha7_src" -C build
