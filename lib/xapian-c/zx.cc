// zx.cc: the implementation of zx.h over libxapian 1.4.  The only C++ file
// of the project.  Every extern "C" function catches every exception and
// turns it into a status and a message.
#include "zx.h"

#include <xapian.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <algorithm>
#include <cstring>
#include <map>
#include <set>
#include <unordered_map>
#include <memory>
#include <new>
#include <string>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

// One database a stub file lists (a shard), or the single local database.
struct zx_shard {
    std::string name;       // as the stub writes it: "auto shard-00", "remote host:port"
    std::string path;       // a local shard: its directory (resolved against the stub)
    std::string host;       // a remote one over TCP
    unsigned port = 0;
    std::string program, args;   // a remote one through a program (ssh ... xapian-progsrv)
    Xapian::Database db;
    bool down = false;      // could not be reached: an empty stand-in takes its place
    std::string why;
};

// A facet slot's values held in memory (see ColumnCountSpy): each
// document's value as a number, 0 for none, and the values by number.
struct zx_column {
    std::vector<uint32_t> id;          // by docid
    std::vector<std::string> values;   // values[0] is "": no value
    // the parts of a multi-valued slot's values (ZX_VALUE_SEP): each
    // value's part numbers, and the parts by number
    std::vector<std::vector<uint32_t>> parts_of;
    std::vector<std::string> parts;
    std::vector<uint32_t> part_order;   // by part number: its place in byte order
    std::vector<uint32_t> in_order;     // the part numbers in byte order
};

struct zx_db {
    std::string path;
    Xapian::Database *read = nullptr;          // points at `write` when writable
    Xapian::WritableDatabase *write = nullptr;
    std::vector<zx_shard> shards;              // empty: one local database at path
    bool partial = false;                      // ZX_OPEN_PARTIAL
    // user metadata read from shards (facet display forms, synonyms): one
    // round trip each from a remote shard, so kept until a shard changes
    std::unordered_map<std::string, std::string> meta_cache;
    // facet columns (zx_search_opts.memory_facets), until a commit is read
    std::map<Xapian::valueno, zx_column> columns;
    // terms that mark documents (zx_parse_opts.rest), and the documents
    // each marks, a bit a docid, until a commit is read: a search in
    // decisions counts its matches with the mark once a word
    std::set<std::string> mark_terms;
    std::map<std::string, std::vector<uint64_t>> marks;
    std::string stub;                          // the stub file the shards came from
    struct timespec stub_mtime = {0, 0};       // ... as it was when read
    ~zx_db()
    {
        if (write) {
            delete write;
        } else {
            delete read;
        }
    }
};

struct zx_doc {
    Xapian::Document doc;
};

struct zx_query {
    Xapian::Query query;
    // what was asked, when the query matched says it otherwise
    // (zx_parse_opts.rest): its terms are the ones a hit shows
    Xapian::Query shown;
    bool shows_other = false;
    explicit zx_query(const Xapian::Query &q) : query(q) {}
    const Xapian::Query &asked() const { return shows_other ? shown : query; }
};

// Facets count, over the matching documents, the values in a slot.  By
// default with Xapian's own ValueCountMatchSpy, which Xapian's servers know,
// so it counts on remote shards too and merges their counts.  A process that
// keeps a local database open (zx_search_opts.memory_facets: FastCGI) counts
// from the slot's column in memory instead (ColumnCountSpy).  A slot may
// hold several values separated by ZX_VALUE_SEP (organisations): each whole
// value's count is added to each of its parts when the facet is read.
//
// ColumnCountSpy: ValueCountMatchSpy asks each matching document for its
// value -- a B-tree lookup, the value chunk copied and decoded up to the
// document, read from the file again on each search -- which was a third of
// a results page.  A column costs one pass along the value stream, once a
// commit, and four bytes a document; counting is then an array increment.
// One spy counts every column a search asks of it: the matcher asks a spy,
// and the spy a document its docid, by a virtual call each, once a match.
class ColumnCountSpy : public Xapian::MatchSpy {
    std::vector<const zx_column *> cols;

  public:
    std::vector<std::vector<Xapian::doccount>> counts;   // by column, by value number
    // counts col's values too; returns its index in counts
    size_t count(const zx_column &col)
    {
        cols.push_back(&col);
        counts.emplace_back(col.values.size(), 0);
        return counts.size() - 1;
    }
    void add(Xapian::docid did)
    {
        for (size_t k = 0; k < cols.size(); k++)
            if (did < cols[k]->id.size())
                counts[k][cols[k]->id[did]]++;
    }
    void operator()(const Xapian::Document &doc, double) override { add(doc.get_docid()); }
};

// A facet's values (a multi-valued slot's parts) and their counts, most
// first, then in byte order.
typedef std::vector<std::pair<std::string, Xapian::doccount>> facet_counts;

// A facet counted from a column: each part's count, by part number, sorted
// when the facet is listed (list_counts); the meeting slot is only asked
// for single counts (count_of).
struct column_counts {
    const zx_column *col = nullptr;
    std::vector<Xapian::doccount> by_part;
};

struct zx_mset {
    // a date-sorted page's key from a column (ColumnKeyMaker); before the
    // Enquire that points at it
    std::unique_ptr<Xapian::KeyMaker> sort_key;
    Xapian::Enquire enquire;
    Xapian::MSet mset;
    std::vector<std::unique_ptr<Xapian::MatchSpy>> spies;
    // each facet slot's value -> documents, filled from the spies after the
    // match: from Xapian's spies into counts, from columns (memory_facets)
    // into column
    std::vector<facet_counts> counts;
    std::vector<column_counts> column;
    // every match was looked at: Xapian's lower bound is the count (its
    // estimate is rounded when collapsing)
    bool exhaustive = false;
    // a page collapsed from a column (collapse_by_column): the items of
    // mset it shows, the matches each stands for, the total and first rank
    bool by_column = false;
    std::vector<Xapian::doccount> shown, same;
    Xapian::doccount total = 0, first_rank = 0;
    // the matches were counted (and the spies fed) apart from the ranking
    // match (count_matches, count_by_postings): total is theirs
    bool counted_apart = false;
    // the database searched (its metadata holds what records need)
    zx_db *db;
    // the query as asked (zx_query::asked): its terms are the hits' marks
    Xapian::Query asked;
    zx_mset(zx_db *searched, const Xapian::Database &db) : enquire(db), db(searched) {}
    Xapian::MSetIterator item(unsigned i) const { return mset[by_column ? shown[i] : i]; }
};

namespace {

void set_err(char *err, size_t errlen, const std::string &msg)
{
    if (err && errlen) {
        std::snprintf(err, errlen, "%s", msg.c_str());
    }
}

// Maps the exception being handled to a status and a message naming `what`.
int handle_exception(char *err, size_t errlen, const std::string &what)
{
    try {
        throw;
    } catch (const Xapian::DatabaseLockError &e) {
        set_err(err, errlen, what + ": the database is locked by another writer "
                                    "(is another zapisy-index running?)");
        return ZX_ERR_LOCKED;
    } catch (const Xapian::DatabaseNotFoundError &e) {
        set_err(err, errlen, what + ": no database here (run zapisy-index first)");
        return ZX_ERR_NO_DB;
    } catch (const Xapian::DatabaseVersionError &e) {
        set_err(err, errlen, what + ": the database has an unsupported format: " + e.get_msg());
        return ZX_ERR_CORRUPT;
    } catch (const Xapian::DatabaseOpeningError &e) {
        set_err(err, errlen, what + ": cannot open the database: " + e.get_msg());
        return ZX_ERR_NO_DB;
    } catch (const Xapian::DatabaseModifiedError &e) {
        set_err(err, errlen, what + ": the database changed while being read; try again");
        return ZX_ERR_MODIFIED;
    } catch (const Xapian::DatabaseCorruptError &e) {
        set_err(err, errlen, what + ": the database is damaged: " + e.get_msg());
        return ZX_ERR_CORRUPT;
    } catch (const Xapian::QueryParserError &e) {
        set_err(err, errlen, "bad query: " + e.get_msg());
        return ZX_ERR_QUERY;
    } catch (const Xapian::WildcardError &e) {
        set_err(err, errlen, "too broad: a word with * stands for more than " +
                                 std::to_string(ZX_MAX_WILDCARD_TERMS) + " words; type more of it");
        return ZX_ERR_QUERY;
    } catch (const Xapian::NetworkTimeoutError &e) {
        set_err(err, errlen, what + ": a remote shard did not answer in time: " + e.get_msg());
        return ZX_ERR_SHARD;
    } catch (const Xapian::NetworkError &e) {
        set_err(err, errlen, what + ": a remote shard cannot be reached: " + e.get_msg());
        return ZX_ERR_SHARD;
    } catch (const Xapian::Error &e) {
        set_err(err, errlen, what + ": " + e.get_type() + ": " + e.get_msg());
        return ZX_ERR;
    } catch (const std::bad_alloc &) {
        set_err(err, errlen, what + ": out of memory");
        return ZX_ERR_NOMEM;
    } catch (const std::exception &e) {
        set_err(err, errlen, what + ": " + e.what());
        return ZX_ERR;
    } catch (...) {
        set_err(err, errlen, what + ": unknown error");
        return ZX_ERR;
    }
}

int copy_out(const std::string &s, char **data, size_t *len)
{
    char *p = static_cast<char *>(std::malloc(s.size() + 1));
    if (!p)
        return ZX_ERR_NOMEM;
    std::memcpy(p, s.data(), s.size());
    p[s.size()] = '\0';
    *data = p;
    if (len)
        *len = s.size();
    return ZX_OK;
}

// Hands each term from t to end to fn until it returns non-zero.
void each_term(Xapian::TermIterator t, const Xapian::TermIterator &end, zx_term_fn fn, void *ud)
{
    for (; t != end; ++t) {
        const std::string term = *t;
        if (fn(term.data(), term.size(), ud))
            break;
    }
}

// The project's stemmer (a C callback) as a Xapian stemmer, so the query
// parser stems exactly as the indexer did.
class CallbackStem : public Xapian::StemImplementation {
    zx_stem_fn fn;
    void *ud;

  public:
    CallbackStem(zx_stem_fn f, void *u) : fn(f), ud(u) {}
    std::string operator()(const std::string &word) override
    {
        std::vector<char> out(word.size() * 4 + 16);
        size_t n = fn(word.data(), word.size(), out.data(), out.size(), ud);
        if (n >= out.size())
            n = out.size() - 1;
        return std::string(out.data(), n);
    }
    std::string get_description() const override { return "zapisy-czech"; }
};

// The document with unique term id_term; false (and a message) when none.
bool find_doc(const Xapian::Database &db, const char *id_term, Xapian::docid *did, char *err, size_t errlen)
{
    Xapian::PostingIterator p = db.postlist_begin(id_term);
    if (p == db.postlist_end(id_term)) {
        set_err(err, errlen, std::string("no document with id ") + id_term);
        return false;
    }
    *did = *p;
    return true;
}

bool exists_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

} // namespace

// ---- shards ----------------------------------------------------------------

namespace {

bool exists_file(const std::string &path)
{
    struct stat st;
    return stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

// The stub file of path: path itself when it is a file, path/XAPIANDB when
// path is a folder holding one (Xapian opens both as a stub); "" when none.
std::string stub_file(const std::string &path)
{
    if (exists_file(path))
        return path;
    if (exists_dir(path.c_str()) && exists_file(path + "/XAPIANDB"))
        return path + "/XAPIANDB";
    return std::string();
}

std::string trim(const std::string &s)
{
    size_t a = s.find_first_not_of(" \t\r");
    if (a == std::string::npos)
        return std::string();
    size_t b = s.find_last_not_of(" \t\r");
    return s.substr(a, b - a + 1);
}

// The non-empty parts of s between separators: a --db list's entries, a
// metadata value's lines, a multi-valued slot's values.
std::vector<std::string> split(const std::string &s, char sep)
{
    std::vector<std::string> parts;
    size_t start = 0;
    while (start < s.size()) {
        size_t end = s.find(sep, start);
        if (end == std::string::npos)
            end = s.size();
        if (end > start)
            parts.push_back(s.substr(start, end - start));
        start = end + 1;
    }
    return parts;
}

// What follows "remote " in a stub line: HOST:PORT (TCP, to xapian-tcpsrv;
// no host is localhost) or PROGRAM ARGS (xapian-progsrv through e.g. ssh),
// into sh.  False when the port is not one.
bool parse_remote(const std::string &rest, zx_shard &sh)
{
    size_t colon = rest.rfind(':');
    size_t space = rest.find_first_of(" \t");
    sh.name = "remote " + rest;
    if (space != std::string::npos || colon == std::string::npos) {
        sh.program = rest.substr(0, space);
        sh.args = space == std::string::npos ? std::string() : trim(rest.substr(space));
        return true;
    }
    sh.host = colon ? rest.substr(0, colon) : "localhost";
    char *end = nullptr;
    long port = std::strtol(rest.c_str() + colon + 1, &end, 10);
    sh.port = static_cast<unsigned>(port);
    return end && !*end && port > 0 && port <= 65535;
}

// The shards a stub file lists, in its order: "auto|glass|chert PATH" (a
// path relative to the stub's folder) and "remote HOST:PORT" (TCP, to
// xapian-tcpsrv) or "remote PROGRAM ARGS" (xapian-progsrv through e.g.
// ssh).  Blank lines and # comments are skipped.  False and a message
// naming the line when one is not understood.
bool parse_stub(const std::string &file, std::vector<zx_shard> &out, std::string &msg)
{
    FILE *f = std::fopen(file.c_str(), "r");
    if (!f) {
        msg = file + ": cannot read the stub: " + std::strerror(errno);
        return false;
    }
    std::string dir = file.substr(0, file.find_last_of('/') == std::string::npos ? 0 : file.find_last_of('/'));
    if (dir.empty())
        dir = file.find('/') == 0 ? "/" : ".";
    char buf[4096];
    unsigned lineno = 0;
    bool ok = true;
    while (ok && std::fgets(buf, sizeof buf, f)) {
        lineno++;
        std::string line = trim(std::string(buf, std::strcspn(buf, "\n")));
        if (line.empty() || line[0] == '#')
            continue;
        size_t sp = line.find_first_of(" \t");
        std::string type = line.substr(0, sp);
        std::string rest = sp == std::string::npos ? std::string() : trim(line.substr(sp));
        zx_shard sh;
        sh.name = type + " " + rest;
        if ((type == "auto" || type == "glass" || type == "chert") && !rest.empty()) {
            sh.path = rest[0] == '/' ? rest : dir + "/" + rest;
        } else if (type == "remote" && !rest.empty()) {
            if (!parse_remote(rest, sh)) {
                msg = file + ":" + std::to_string(lineno) + ": not a port: " + rest;
                ok = false;
            }
        } else {
            msg = file + ":" + std::to_string(lineno) + ": not a database line (auto PATH, remote HOST:PORT): " + line;
            ok = false;
        }
        if (ok)
            out.push_back(sh);
    }
    std::fclose(f);
    if (ok && out.empty()) {
        msg = file + ": the stub lists no database";
        ok = false;
    }
    return ok;
}

// Opens one shard for reading; a remote one with timeouts, so a dead or
// stalled server costs a search a bounded wait.
void open_shard(zx_shard &sh)
{
    if (!sh.path.empty()) {
        if (!exists_dir(sh.path.c_str()) && stub_file(sh.path).empty())
            throw Xapian::DatabaseNotFoundError("no database at " + sh.path);
        sh.db = Xapian::Database(sh.path);
    } else if (!sh.host.empty()) {
        sh.db = Xapian::Remote::open(sh.host, sh.port, ZX_REMOTE_TIMEOUT_MS, ZX_REMOTE_CONNECT_MS);
    } else {
        sh.db = Xapian::Remote::open(sh.program, sh.args, ZX_REMOTE_TIMEOUT_MS);
    }
}

// What is wrong with a shard, in words, from the exception being handled.
std::string shard_trouble()
{
    try {
        throw;
    } catch (const Xapian::NetworkTimeoutError &e) {
        return "did not answer within " + std::to_string(ZX_REMOTE_TIMEOUT_MS / 1000.0).substr(0, 3) + " s";
    } catch (const Xapian::NetworkError &e) {
        return "cannot be reached: " + e.get_msg();
    } catch (const Xapian::DatabaseNotFoundError &e) {
        return "no database there";
    } catch (const Xapian::DatabaseError &e) {
        return e.get_type() + std::string(": ") + e.get_msg();
    } catch (const Xapian::Error &e) {
        return e.get_type() + std::string(": ") + e.get_msg();
    } catch (const std::exception &e) {
        return e.what();
    }
}

// When a file was last changed (0 when it cannot be read).
struct timespec mtime_of(const std::string &path)
{
    struct stat st;
    if (stat(path.c_str(), &st) != 0)
        return {0, 0};
    return st.st_mtim;
}

// A shard that is down is stood in for by an empty database, so the
// others keep their document ids (Xapian interleaves them by position).
Xapian::Database empty_stand_in()
{
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
    return Xapian::InMemory::open();
#pragma GCC diagnostic pop
}

// What was read from the database and kept (metadata, facet columns):
// dropped when it may have changed.
void forget_read(zx_db *db)
{
    db->meta_cache.clear();
    db->columns.clear();
    db->marks.clear();
}

// The search database over all shards, down ones stood in for.
void combine_shards(zx_db *db)
{
    forget_read(db);
    std::unique_ptr<Xapian::Database> all(new Xapian::Database);
    for (auto &sh : db->shards)
        all->add_database(sh.down ? empty_stand_in() : sh.db);
    delete db->read;
    db->read = all.release();
}

// Shard i's metadata for key (a single database's: i is 0), from the cache
// when it was read since the database last changed; a writer's, as it is
// now (it changes under the cache).
std::string shard_meta(zx_db *db, size_t i, const std::string &key)
{
    if (db->write)
        return db->write->get_metadata(key);
    if (db->meta_cache.size() > ZX_META_CACHE_MAX)
        db->meta_cache.clear();
    std::string k = std::to_string(i) + '\0' + key;
    auto it = db->meta_cache.find(k);
    if (it != db->meta_cache.end())
        return it->second;
    const Xapian::Database &from = db->shards.empty() ? *db->read : db->shards[i].db;
    return db->meta_cache.emplace(k, from.get_metadata(key)).first->second;
}

// A shard not searched from now on, and why (the exception being handled,
// or the reason given); its handle let go.
void mark_down(zx_shard &sh, const std::string &why)
{
    sh.down = true;
    sh.why = why;
    sh.db = Xapian::Database();
}

// Every shard open, or the first that is not and why (ZX_ERR_SHARD), or --
// with partial -- the ones that are not marked down.
int open_shards(zx_db *db, char *err, size_t errlen)
{
    for (auto &sh : db->shards) {
        if (!sh.down && sh.db.size() > 0)
            continue;
        try {
            open_shard(sh);
            sh.down = false;
            sh.why.clear();
        } catch (...) {
            mark_down(sh, shard_trouble());
            if (!db->partial) {
                set_err(err, errlen, db->path + ": shard " + sh.name + ": " + sh.why);
                return ZX_ERR_SHARD;
            }
        }
    }
    combine_shards(db);
    return ZX_OK;
}

// After a search failed on the network: which shards answer (a round trip
// each), those that do not marked down.  True when any was.
bool find_down_shards(zx_db *db)
{
    bool any = false;
    for (auto &sh : db->shards) {
        if (sh.down || sh.path.size())
            continue;
        try {
            sh.db.keep_alive();
        } catch (...) {
            mark_down(sh, shard_trouble());
            any = true;
        }
    }
    return any;
}

// The message for a search that failed on a shard.
std::string down_message(const zx_db *db)
{
    std::string msg;
    for (const auto &sh : db->shards)
        if (sh.down)
            msg += (msg.empty() ? "" : "; ") + ("shard " + sh.name + ": " + sh.why);
    return db->path + ": " + (msg.empty() ? std::string("a shard failed") : msg);
}

// ---- queries ---------------------------------------------------------------

// Whether a leaf of q is a term starting with prefix.
bool has_prefixed_leaf(const Xapian::Query &q, const std::string &prefix)
{
    for (Xapian::TermIterator t = q.get_terms_begin(); t != q.get_terms_end(); ++t)
        if ((*t).compare(0, prefix.size(), prefix) == 0)
            return true;
    return false;
}

std::vector<Xapian::Query> subqueries(const Xapian::Query &q)
{
    std::vector<Xapian::Query> v;
    for (size_t i = 0; i < q.get_num_subqueries(); i++)
        v.push_back(q.get_subquery(i));
    return v;
}

// q with the prefix from of its leaf terms replaced by to.
Xapian::Query swap_prefix(const Xapian::Query &q, const std::string &from, const std::string &to,
                          Xapian::termcount window)
{
    if (q.get_type() == Xapian::Query::LEAF_TERM) {
        std::string t = *q.get_terms_begin();
        if (t.compare(0, from.size(), from) != 0)
            return q;
        return Xapian::Query(to + t.substr(from.size()));
    }
    std::vector<Xapian::Query> v = subqueries(q);
    for (auto &s : v)
        s = swap_prefix(s, from, to, 0);
    return Xapian::Query(q.get_type(), v.begin(), v.end(), window);
}

// Phrases and NEARs of terms that carry no positions (stems with the
// prefix from): all the words under that prefix, AND the phrase in the
// text (to).  A NEAR keeps the parser's default window of 10.
Xapian::Query positionless(const Xapian::Query &q, const std::string &from, const std::string &to)
{
    Xapian::Query::op op = q.get_type();
    if (q.get_num_subqueries() == 0 || !has_prefixed_leaf(q, from))
        return q;
    if (op == Xapian::Query::OP_PHRASE || op == Xapian::Query::OP_NEAR) {
        std::vector<Xapian::Query> v = subqueries(q);
        Xapian::Query words(Xapian::Query::OP_AND, v.begin(), v.end());
        Xapian::termcount window = op == Xapian::Query::OP_NEAR ? 10 : 0;
        return Xapian::Query(Xapian::Query::OP_FILTER, words, swap_prefix(q, from, to, window));
    }
    std::vector<Xapian::Query> v = subqueries(q);
    for (auto &s : v)
        s = positionless(s, from, to);
    return Xapian::Query(op, v.begin(), v.end());
}

// Whether a term's letters begin at t[at]: a lower-case letter, a digit or
// a byte beyond ASCII, not another prefix's capital.
bool letters_at(const std::string &t, size_t at)
{
    if (t.size() <= at)
        return false;
    unsigned char c = static_cast<unsigned char>(t[at]);
    return !(c >= 'A' && c <= 'Z');
}

// The prefixes of a field and of the rest a document may list instead
// (zx_parse_opts.rest), and their stems'.
struct rest_names {
    std::string field, zfield, rest, zrest;
    // every document is marked, by rest alone or by field alone, and
    // fewer by field: a marked document is told by not having that mark
    bool by_field_mark;
};

// For a term under the field ("XDECx", "ZXDECx"): the text's term it
// stands for ("x", "Zx") and the rest's ("XOUTx", "ZXOUTx").
bool text_term(const std::string &t, const rest_names &n, std::string &text, std::string &listed)
{
    const bool stem = t.compare(0, n.zfield.size(), n.zfield) == 0;
    const std::string &field = stem ? n.zfield : n.field;
    if (t.compare(0, field.size(), field) != 0 || !letters_at(t, field.size()))
        return false;
    const std::string word = t.substr(field.size());
    text = (stem ? "Z" : "") + word;
    listed = (stem ? n.zrest : n.rest) + word;
    return true;
}

// A word* wildcard's pattern: Xapian 1.4 tells it only in its description,
// "Query(WILDCARD SYNONYM XDECporad)".
std::string wildcard_pattern(const Xapian::Query &q)
{
    const std::string d = q.get_description(), head = "Query(WILDCARD ";
    size_t space = d.find(' ', head.size());
    if (d.compare(0, head.size(), head) != 0 || space == std::string::npos || d.back() != ')')
        throw Xapian::UnimplementedError("a word* wildcard whose pattern cannot be read: " + d);
    return d.substr(space + 1, d.size() - space - 2);
}

// Whether a leaf of q is under the field: a term, or a wildcard.
bool under_field(const Xapian::Query &q, const rest_names &n)
{
    std::string text, listed;
    if (q.get_type() == Xapian::Query::LEAF_TERM)
        return text_term(*q.get_terms_begin(), n, text, listed);
    if (q.get_type() == Xapian::Query::OP_WILDCARD)
        return text_term(wildcard_pattern(q), n, text, listed);
    for (size_t i = 0; i < q.get_num_subqueries(); i++)
        if (under_field(q.get_subquery(i), n))
            return true;
    return false;
}

// q, each of whose leaves under the field also matches a document that
// lists the rest, where its text has the term and does not list it: the
// two as one term (a synonym), weighed by the text's wdf there.  A
// wildcard is so for each word it stands for in the text.  A document
// lists the rest when it has that mark, or (by_field_mark: a shorter list
// to skip through, as in an archive of resolutions) has not the other.
Xapian::Query by_rest_query(const Xapian::Database &db, const Xapian::Query &q, const rest_names &n)
{
    std::string text, listed;
    const Xapian::Query::op op = q.get_type();
    if (op == Xapian::Query::LEAF_TERM || op == Xapian::Query::OP_WILDCARD) {
        const bool wildcard = op == Xapian::Query::OP_WILDCARD;
        if (!text_term(wildcard ? wildcard_pattern(q) : *q.get_terms_begin(), n, text, listed))
            return q;
        std::vector<Xapian::Query> each;
        for (Xapian::TermIterator t = db.allterms_begin(text); wildcard && t != db.allterms_end(text); ++t) {
            if (each.size() == ZX_MAX_WILDCARD_TERMS)
                throw Xapian::WildcardError("the wildcard in the text stands for too many words");
            each.push_back(Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query(*t),
                                         Xapian::Query(listed + (*t).substr(text.size()))));
        }
        if (!wildcard)
            each.push_back(Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query(text), Xapian::Query(listed)));
        Xapian::Query in_text(Xapian::Query::OP_SYNONYM, each.begin(), each.end());
        in_text = n.by_field_mark ? Xapian::Query(Xapian::Query::OP_AND_NOT, in_text, Xapian::Query(n.field))
                                  : Xapian::Query(Xapian::Query::OP_FILTER, in_text, Xapian::Query(n.rest));
        return Xapian::Query(Xapian::Query::OP_SYNONYM, q, in_text);
    }
    if (!under_field(q, n))
        return q;
    std::vector<Xapian::Query> v = subqueries(q);
    for (auto &s : v)
        s = by_rest_query(db, s, n);
    return Xapian::Query(op, v.begin(), v.end());
}
} // namespace

extern "C" {

int zx_db_open(const char *path, int flags, zx_db **out, char *err, size_t errlen)
{
    *out = nullptr;
    if (!path || !*path) {
        set_err(err, errlen, "no database path given");
        return ZX_ERR_ARG;
    }
    try {
        std::unique_ptr<zx_db> db(new zx_db);
        db->path = path;
        db->partial = (flags & ZX_OPEN_PARTIAL) != 0;
        std::string stub = stub_file(path);
        if (stub.empty() && !exists_dir(path) && std::strchr(path, ',')) {
            // a list: "shards/a,shards/b,host:port", searched as a stub would be
            for (const std::string &part : split(path, ',')) {
                std::string item = trim(part);
                zx_shard sh;
                size_t colon = item.rfind(':');
                if (item.empty())
                    continue;
                if (!exists_dir(item.c_str()) && stub_file(item).empty() && colon != std::string::npos &&
                    colon + 1 < item.size() && item.find_first_not_of("0123456789", colon + 1) == std::string::npos) {
                    parse_remote(item, sh);
                } else {
                    sh.name = "auto " + item;
                    sh.path = item;
                }
                db->shards.push_back(sh);
            }
        } else if (!stub.empty()) {
            std::string msg;
            db->stub = stub;
            db->stub_mtime = mtime_of(stub);
            if (!parse_stub(stub, db->shards, msg)) {
                set_err(err, errlen, msg);
                return ZX_ERR_NO_DB;
            }
        }
        if (!db->shards.empty()) {
            int rc = open_shards(db.get(), err, errlen);
            if (rc != ZX_OK)
                return rc;
            *out = db.release();
            return ZX_OK;
        }
        if (!exists_dir(path)) {
            set_err(err, errlen, std::string(path) + ": no database here (run zapisy-index first)");
            return ZX_ERR_NO_DB;
        }
        db->read = new Xapian::Database(path);
        *out = db.release();
        return ZX_OK;
    } catch (...) {
        return handle_exception(err, errlen, path);
    }
}

int zx_db_open_read(const char *path, zx_db **out, char *err, size_t errlen)
{
    return zx_db_open(path, 0, out, err, errlen);
}

int zx_db_reopen(zx_db *db, char *err, size_t errlen)
{
    try {
        if (db->shards.empty()) {
            if (!exists_dir(db->path.c_str())) {
                set_err(err, errlen, db->path + ": no database here (run zapisy-index first)");
                return ZX_ERR_NO_DB;
            }
            if (db->read->reopen())
                forget_read(db);
            return ZX_OK;
        }
        // a stub rewritten (a shard added by folder): read it again
        if (!db->stub.empty()) {
            struct timespec now = mtime_of(db->stub);
            if (now.tv_sec != db->stub_mtime.tv_sec || now.tv_nsec != db->stub_mtime.tv_nsec) {
                std::vector<zx_shard> fresh;
                std::string msg;
                if (!parse_stub(db->stub, fresh, msg)) {
                    set_err(err, errlen, msg);
                    return ZX_ERR_NO_DB;
                }
                db->shards = fresh;
                db->stub_mtime = now;
                return open_shards(db, err, errlen);
            }
        }
        // each shard to its latest commit; one that went down is stood in
        // for, one that came back is taken in again
        bool any_down = false;
        for (auto &sh : db->shards) {
            try {
                if (!sh.down && sh.db.reopen())
                    forget_read(db);
            } catch (...) {
                mark_down(sh, shard_trouble());
            }
            any_down = any_down || sh.down;
        }
        if (any_down)
            return open_shards(db, err, errlen);
        db->read->reopen();
        return ZX_OK;
    } catch (...) {
        return handle_exception(err, errlen, db->path.c_str());
    }
}

int zx_db_sharded(const zx_db *db)
{
    return !db->shards.empty();
}

int zx_db_has_remote(const zx_db *db)
{
    for (const auto &sh : db->shards)
        if (sh.path.empty())
            return 1;
    return 0;
}

unsigned zx_db_shard_count(const zx_db *db)
{
    return db->shards.empty() ? 1 : static_cast<unsigned>(db->shards.size());
}

const char *zx_db_shard_name(const zx_db *db, unsigned i)
{
    if (db->shards.empty())
        return i == 0 ? db->path.c_str() : nullptr;
    return i < db->shards.size() ? db->shards[i].name.c_str() : nullptr;
}

const char *zx_db_shard_down(const zx_db *db, unsigned i)
{
    if (i >= db->shards.size() || !db->shards[i].down)
        return nullptr;
    return db->shards[i].why.c_str();
}

int zx_db_shard_metadata(zx_db *db, unsigned i, const char *key, char **value, char *err, size_t errlen)
{
    *value = nullptr;
    try {
        if (db->shards.empty())
            return copy_out(shard_meta(db, 0, key), value, nullptr);
        if (i >= db->shards.size() || db->shards[i].down)
            return copy_out(std::string(), value, nullptr);
        return copy_out(shard_meta(db, i, key), value, nullptr);
    } catch (...) {
        return handle_exception(err, errlen, db->path + ": shard " + zx_db_shard_name(db, i));
    }
}

int zx_db_shard_leave_out(zx_db *db, unsigned i, const char *why, char *err, size_t errlen)
{
    if (i >= db->shards.size()) {
        set_err(err, errlen, "no such shard");
        return ZX_ERR_ARG;
    }
    try {
        mark_down(db->shards[i], why);
        combine_shards(db);
        return ZX_OK;
    } catch (...) {
        return handle_exception(err, errlen, db->path);
    }
}

int zx_db_is_stub(const char *path)
{
    try {
        return !stub_file(path).empty();
    } catch (...) {
        return 0;
    }
}

int zx_stub_entries(const char *path, zx_term_fn fn, void *ud, char *err, size_t errlen)
{
    try {
        std::vector<zx_shard> shards;
        std::string msg, stub = stub_file(path);
        if (stub.empty()) {
            set_err(err, errlen, std::string(path) + ": not a stub (a file listing shards)");
            return ZX_ERR_NO_DB;
        }
        if (!parse_stub(stub, shards, msg)) {
            set_err(err, errlen, msg);
            return ZX_ERR_NO_DB;
        }
        for (const auto &sh : shards) {
            std::string e = sh.path.empty() ? sh.name : "auto " + sh.path;
            if (fn(e.data(), e.size(), ud))
                break;
        }
        return ZX_OK;
    } catch (...) {
        return handle_exception(err, errlen, path);
    }
}

int zx_stub_write(const char *path, const char *const *entries, size_t n, char *err, size_t errlen)
{
    std::string tmp = std::string(path) + ".new";
    FILE *f = std::fopen(tmp.c_str(), "w");
    if (!f) {
        set_err(err, errlen, tmp + ": cannot write: " + std::strerror(errno));
        return ZX_ERR;
    }
    for (size_t i = 0; i < n; i++)
        std::fprintf(f, "%s\n", entries[i]);
    bool ok = std::fflush(f) == 0 && fsync(fileno(f)) == 0;
    ok = std::fclose(f) == 0 && ok;
    if (!ok || std::rename(tmp.c_str(), path) != 0) {
        set_err(err, errlen, std::string(path) + ": cannot write the stub: " + std::strerror(errno));
        std::remove(tmp.c_str());
        return ZX_ERR;
    }
    return ZX_OK;
}

int zx_db_open_write(const char *path, zx_db **out, char *err, size_t errlen)
{
    *out = nullptr;
    if (!path || !*path) {
        set_err(err, errlen, "no database path given");
        return ZX_ERR_ARG;
    }
    try {
        std::unique_ptr<zx_db> db(new zx_db);
        db->path = path;
        db->write = new Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN);
        db->read = db->write;
        *out = db.release();
        return ZX_OK;
    } catch (...) {
        return handle_exception(err, errlen, path);
    }
}

int zx_db_open_write_entry(const char *entry, zx_db **out, char *err, size_t errlen)
{
    *out = nullptr;
    std::string e = entry ? entry : "";
    if (e.compare(0, 5, "auto ") == 0)
        return zx_db_open_write(e.c_str() + 5, out, err, errlen);
    if (e.compare(0, 7, "remote ") != 0) {
        set_err(err, errlen, "not a shard (auto PATH or remote HOST:PORT): " + e);
        return ZX_ERR_ARG;
    }
    try {
        zx_shard sh;
        if (!parse_remote(trim(e.substr(7)), sh)) {
            set_err(err, errlen, "not a port: " + e);
            return ZX_ERR_ARG;
        }
        std::unique_ptr<zx_db> db(new zx_db);
        db->path = e;
        db->write = new Xapian::WritableDatabase(
            sh.host.empty() ? Xapian::Remote::open_writable(sh.program, sh.args, ZX_REMOTE_WRITE_TIMEOUT_MS)
                            : Xapian::Remote::open_writable(sh.host, sh.port, ZX_REMOTE_WRITE_TIMEOUT_MS,
                                                            ZX_REMOTE_CONNECT_MS));
        db->read = db->write;
        *out = db.release();
        return ZX_OK;
    } catch (...) {
        return handle_exception(err, errlen, "shard " + e);
    }
}

static int need_writer(zx_db *db, char *err, size_t errlen)
{
    if (!db || !db->write) {
        set_err(err, errlen, "the database is not open for writing");
        return ZX_ERR_ARG;
    }
    return ZX_OK;
}

int zx_db_commit(zx_db *db, char *err, size_t errlen)
{
    int rc = need_writer(db, err, errlen);
    if (rc)
        return rc;
    try {
        db->write->commit();
        return ZX_OK;
    } catch (...) {
        return handle_exception(err, errlen, db->path);
    }
}

void zx_db_close(zx_db *db)
{
    if (!db)
        return;
    try {
        if (db->write)
            db->write->close();
    } catch (...) {
    }
    try {
        delete db;
    } catch (...) {
    }
}

int zx_db_locked(zx_db *db, char *err, size_t errlen)
{
    try {
        if (db->shards.empty())
            return db->read->locked() ? 1 : 0;
        for (auto &sh : db->shards)
            if (!sh.down && !sh.path.empty() && sh.db.locked())
                return 1;
        return 0;
    } catch (...) {
        return handle_exception(err, errlen, db->path);
    }
}

int zx_db_doc_count(zx_db *db, unsigned *out, char *err, size_t errlen)
{
    try {
        *out = db->read->get_doccount();
        return ZX_OK;
    } catch (...) {
        return handle_exception(err, errlen, db->path);
    }
}

int zx_db_replace(zx_db *db, const char *id_term, const zx_doc *doc, char *err, size_t errlen)
{
    int rc = need_writer(db, err, errlen);
    if (rc)
        return rc;
    if (!id_term || !*id_term || !doc) {
        set_err(err, errlen, "replace: empty id term or document");
        return ZX_ERR_ARG;
    }
    try {
        db->write->replace_document(id_term, doc->doc);
        return ZX_OK;
    } catch (...) {
        return handle_exception(err, errlen, db->path);
    }
}

int zx_db_delete(zx_db *db, const char *id_term, char *err, size_t errlen)
{
    int rc = need_writer(db, err, errlen);
    if (rc)
        return rc;
    try {
        db->write->delete_document(id_term);
        return ZX_OK;
    } catch (...) {
        return handle_exception(err, errlen, db->path);
    }
}

// Xapian's remote protocol carries no synonym table (a remote writer
// cannot add to it, a remote reader cannot read it), but it does carry user
// metadata: each synonym is kept there too, under this key + the term, the
// synonyms one a line.
static const char SYNONYM_KEY[] = "zx.syn:";

int zx_db_add_synonym(zx_db *db, const char *term, const char *synonym, char *err, size_t errlen)
{
    int rc = need_writer(db, err, errlen);
    if (rc)
        return rc;
    try {
        try {
            db->write->add_synonym(term, synonym);
        } catch (const Xapian::UnimplementedError &) {
            // a remote shard: the metadata below is what its readers see
        }
        std::string key = std::string(SYNONYM_KEY) + term, have = db->write->get_metadata(key);
        std::string line = std::string(synonym);
        std::vector<std::string> lines = split(have, '\n');
        if (std::find(lines.begin(), lines.end(), line) == lines.end())
            db->write->set_metadata(key, have.empty() ? line : have + "\n" + line);
        return ZX_OK;
    } catch (...) {
        return handle_exception(err, errlen, db->path);
    }
}

int zx_db_synonyms(zx_db *db, const char *term, zx_term_fn fn, void *ud, char *err, size_t errlen)
{
    try {
        std::vector<std::string> seen;
        for (Xapian::TermIterator t = db->read->synonyms_begin(term); t != db->read->synonyms_end(term); ++t)
            seen.push_back(*t);
        // remote shards answer from their metadata
        for (auto &sh : db->shards) {
            if (sh.down || !sh.path.empty())
                continue;
            std::string v = shard_meta(db, static_cast<size_t>(&sh - db->shards.data()), std::string(SYNONYM_KEY) + term);
            for (const std::string &syn : split(v, '\n'))
                seen.push_back(syn);
        }
        std::sort(seen.begin(), seen.end());
        seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
        for (const auto &syn : seen)
            if (fn(syn.data(), syn.size(), ud))
                break;
        return ZX_OK;
    } catch (...) {
        return handle_exception(err, errlen, db->path);
    }
}

int zx_db_set_metadata(zx_db *db, const char *key, const char *value, char *err, size_t errlen)
{
    return zx_db_set_metadata_bytes(db, key, value, std::strlen(value), err, errlen);
}

int zx_db_set_metadata_bytes(zx_db *db, const char *key, const void *value, size_t len, char *err, size_t errlen)
{
    int rc = need_writer(db, err, errlen);
    if (rc)
        return rc;
    try {
        db->write->set_metadata(key, std::string(static_cast<const char *>(value), len));
        return ZX_OK;
    } catch (...) {
        return handle_exception(err, errlen, db->path);
    }
}

int zx_db_get_metadata(zx_db *db, const char *key, char **value, char *err, size_t errlen)
{
    return zx_db_get_metadata_bytes(db, key, value, nullptr, err, errlen);
}

int zx_db_get_metadata_bytes(zx_db *db, const char *key, char **value, size_t *len, char *err, size_t errlen)
{
    *value = nullptr;
    try {
        if (db->shards.empty())
            return copy_out(shard_meta(db, 0, key), value, len);
        // Xapian reads only the first of several databases' metadata: the
        // first shard that has the key answers
        for (auto &sh : db->shards) {
            if (sh.down)
                continue;
            std::string v = shard_meta(db, static_cast<size_t>(&sh - db->shards.data()), key);
            if (!v.empty())
                return copy_out(v, value, len);
        }
        return copy_out(std::string(), value, len);
    } catch (...) {
        return handle_exception(err, errlen, db->path);
    }
}

int zx_db_get_value(zx_db *db, const char *id_term, unsigned slot, char **value, size_t *len, char *err,
                    size_t errlen)
{
    *value = nullptr;
    try {
        Xapian::docid did;
        if (!find_doc(*db->read, id_term, &did, err, errlen))
            return ZX_ERR_ARG;
        return copy_out(db->read->get_document(did).get_value(slot), value, len);
    } catch (...) {
        return handle_exception(err, errlen, db->path);
    }
}

int zx_db_set_value(zx_db *db, const char *id_term, unsigned slot, const char *value, size_t len, char *err,
                    size_t errlen)
{
    int rc = need_writer(db, err, errlen);
    if (rc)
        return rc;
    try {
        Xapian::docid did;
        if (!find_doc(*db->write, id_term, &did, err, errlen))
            return ZX_ERR_ARG;
        Xapian::Document doc = db->write->get_document(did);
        doc.add_value(slot, std::string(value, len));
        db->write->replace_document(did, doc);
        return ZX_OK;
    } catch (...) {
        return handle_exception(err, errlen, db->path);
    }
}

int zx_db_each_term(zx_db *db, const char *prefix, zx_term_fn fn, void *ud, char *err, size_t errlen)
{
    try {
        each_term(db->read->allterms_begin(prefix), db->read->allterms_end(prefix), fn, ud);
        return ZX_OK;
    } catch (...) {
        return handle_exception(err, errlen, db->path);
    }
}

int zx_db_termfreq(zx_db *db, const char *term, unsigned *freq, char *err, size_t errlen)
{
    *freq = 0;
    try {
        *freq = db->read->get_termfreq(term);
        return ZX_OK;
    } catch (...) {
        return handle_exception(err, errlen, db->path);
    }
}

int zx_db_get_data(zx_db *db, const char *id_term, char **data, size_t *len, char *err,
                   size_t errlen)
{
    *data = nullptr;
    try {
        Xapian::docid did;
        if (!find_doc(*db->read, id_term, &did, err, errlen))
            return ZX_ERR_ARG;
        return copy_out(db->read->get_document(did).get_data(), data, len);
    } catch (...) {
        return handle_exception(err, errlen, db->path);
    }
}

zx_doc *zx_doc_new(void)
{
    try {
        return new zx_doc;
    } catch (...) {
        return nullptr;
    }
}

void zx_doc_free(zx_doc *doc)
{
    delete doc;
}

int zx_doc_add_posting(zx_doc *doc, const char *term, size_t len, unsigned pos, unsigned wdf_inc)
{
    try {
        doc->doc.add_posting(std::string(term, len), pos, wdf_inc);
        return ZX_OK;
    } catch (...) {
        return handle_exception(nullptr, 0, "document");
    }
}

int zx_doc_add_term(zx_doc *doc, const char *term, size_t len, unsigned wdf_inc)
{
    try {
        doc->doc.add_term(std::string(term, len), wdf_inc);
        return ZX_OK;
    } catch (...) {
        return handle_exception(nullptr, 0, "document");
    }
}

int zx_doc_add_boolean_term(zx_doc *doc, const char *term, size_t len)
{
    try {
        doc->doc.add_boolean_term(std::string(term, len));
        return ZX_OK;
    } catch (...) {
        return handle_exception(nullptr, 0, "document");
    }
}

int zx_doc_set_value(zx_doc *doc, unsigned slot, const char *data, size_t len)
{
    try {
        doc->doc.add_value(slot, std::string(data, len));
        return ZX_OK;
    } catch (...) {
        return handle_exception(nullptr, 0, "document");
    }
}

int zx_doc_each_term(const zx_doc *doc, zx_doc_term_fn fn, void *ud)
{
    try {
        for (Xapian::TermIterator t = doc->doc.termlist_begin(); t != doc->doc.termlist_end(); ++t) {
            const std::string term = *t;
            if (fn(term.data(), term.size(), t.get_wdf(), ud))
                break;
        }
        return ZX_OK;
    } catch (...) {
        return handle_exception(nullptr, 0, "document");
    }
}

int zx_doc_set_data(zx_doc *doc, const char *data, size_t len)
{
    try {
        doc->doc.set_data(std::string(data, len));
        return ZX_OK;
    } catch (...) {
        return handle_exception(nullptr, 0, "document");
    }
}

int zx_query_parse(zx_db *db, const char *qs, const zx_parse_opts *opts, zx_query **out,
                   char *err, size_t errlen)
{
    *out = nullptr;
    try {
        Xapian::QueryParser qp;
        if (db)
            qp.set_database(*db->read);
        if (opts && opts->stem) {
            qp.set_stemmer(Xapian::Stem(new CallbackStem(opts->stem, opts->stem_ud)));
            // Every word, in phrases too, becomes "Z" + stem: Czech phrases
            // must match in any inflection.  Wildcards expand over the
            // unprefixed (unstemmed) words.
            qp.set_stemming_strategy(Xapian::QueryParser::STEM_ALL_Z);
        }
        qp.set_default_op(opts && opts->default_or ? Xapian::Query::OP_OR
                                                   : Xapian::Query::OP_AND);
        if (opts && opts->default_prefix)
            qp.add_prefix("", opts->default_prefix);
        for (size_t i = 0; opts && i < opts->n_prefixes; i++) {
            const zx_prefix &p = opts->prefixes[i];
            if (p.boolean)
                qp.add_boolean_prefix(p.field, p.prefix);
            else
                qp.add_prefix(p.field, p.prefix);
        }
        unsigned flags = Xapian::QueryParser::FLAG_BOOLEAN | Xapian::QueryParser::FLAG_PHRASE |
                         Xapian::QueryParser::FLAG_LOVEHATE |
                         Xapian::QueryParser::FLAG_WILDCARD |
                         Xapian::QueryParser::FLAG_PURE_NOT;
        if (opts && opts->synonyms)
            flags |= Xapian::QueryParser::FLAG_AUTO_SYNONYMS |
                     Xapian::QueryParser::FLAG_AUTO_MULTIWORD_SYNONYMS;
        qp.set_max_expansion(ZX_MAX_WILDCARD_TERMS, Xapian::Query::WILDCARD_LIMIT_ERROR,
                             Xapian::QueryParser::FLAG_WILDCARD);
        Xapian::Query q = qp.parse_query(qs ? qs : "", flags);
        if (q.empty()) {
            set_err(err, errlen, "empty query: give at least one word to search for");
            return ZX_ERR_QUERY;
        }
        for (const char *field : { opts ? opts->unpositioned : nullptr, opts ? opts->unpositioned_too : nullptr })
            if (field && opts->stem)
                q = positionless(q, std::string("Z") + field, "Z");
        std::unique_ptr<zx_query> parsed(new zx_query{q});
        if (opts && opts->unpositioned && opts->rest && db && db->read->term_exists(opts->rest)) {
            const Xapian::Database &r = *db->read;
            const Xapian::doccount by_field = r.get_termfreq(opts->unpositioned), by_rest = r.get_termfreq(opts->rest);
            const rest_names n{opts->unpositioned, std::string("Z") + opts->unpositioned, opts->rest,
                               std::string("Z") + opts->rest,
                               by_field + by_rest == r.get_doccount() && by_field < by_rest};
            parsed->query = by_rest_query(r, q, n);
            db->mark_terms.insert(opts->rest);
            db->mark_terms.insert(opts->unpositioned);
            parsed->shown = q;
            parsed->shows_other = true;
        }
        *out = parsed.release();
        return ZX_OK;
    } catch (...) {
        return handle_exception(err, errlen, "query");
    }
}

namespace {
// Only terms of one prefix, and of that prefix alone (Z, not ZS or ZXDEC:
// lower-case after it), are worth expanding with.
class PrefixDecider : public Xapian::ExpandDecider {
    std::string prefix;

  public:
    explicit PrefixDecider(const char *p) : prefix(p) {}
    bool operator()(const std::string &term) const override
    {
        return term.compare(0, prefix.size(), prefix) == 0 && letters_at(term, prefix.size());
    }
};
}  // namespace

int zx_query_like(zx_db *db, const char *id_term, unsigned n, const char *prefix, zx_query **out,
                  char *err, size_t errlen)
{
    *out = nullptr;
    try {
        Xapian::PostingIterator p = db->read->postlist_begin(id_term);
        if (p == db->read->postlist_end(id_term)) {
            set_err(err, errlen, "no such document");
            return ZX_ERR_ARG;
        }
        Xapian::RSet rset;
        rset.add_document(*p);
        Xapian::Enquire enquire(*db->read);
        PrefixDecider decider(prefix ? prefix : "");
        Xapian::ESet eset = enquire.get_eset(n, rset, &decider);
        if (eset.empty()) {
            set_err(err, errlen, "the document has no words to compare by");
            return ZX_ERR_ARG;
        }
        Xapian::Query like(Xapian::Query::OP_OR, eset.begin(), eset.end());
        *out = new zx_query{Xapian::Query(Xapian::Query::OP_AND_NOT, like, Xapian::Query(id_term))};
        return ZX_OK;
    } catch (...) {
        return handle_exception(err, errlen, db->path);
    }
}

int zx_query_all(zx_query **out, char *err, size_t errlen)
{
    *out = nullptr;
    try {
        *out = new zx_query{Xapian::Query::MatchAll};
        return ZX_OK;
    } catch (...) {
        return handle_exception(err, errlen, "query");
    }
}

int zx_query_term(const char *term, zx_query **out, char *err, size_t errlen)
{
    *out = nullptr;
    try {
        *out = new zx_query{Xapian::Query(term)};
        return ZX_OK;
    } catch (...) {
        return handle_exception(err, errlen, "query");
    }
}

int zx_query_value_range(unsigned slot, const char *lo, const char *hi, zx_query **out,
                         char *err, size_t errlen)
{
    *out = nullptr;
    try {
        Xapian::Query q;
        if (lo && hi)
            q = Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, lo, hi);
        else if (lo)
            q = Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, lo);
        else if (hi)
            q = Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, hi);
        else
            q = Xapian::Query::MatchAll;
        *out = new zx_query{q};
        return ZX_OK;
    } catch (...) {
        return handle_exception(err, errlen, "query");
    }
}

static Xapian::Query combined(const Xapian::Query &q, const Xapian::Query &other, Xapian::Query::op op)
{
    if (q.empty() && op != Xapian::Query::OP_FILTER)
        return other;
    if (q.empty())
        return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, other, 0.0);
    return Xapian::Query(op, q, other);
}

static int combine(zx_query *q, const zx_query *other, Xapian::Query::op op, char *err,
                   size_t errlen)
{
    if (!q || !other) {
        set_err(err, errlen, "query: NULL argument");
        return ZX_ERR_ARG;
    }
    try {
        if (q->shows_other || other->shows_other) {
            q->shown = combined(q->asked(), other->asked(), op);
            q->shows_other = true;
        }
        q->query = combined(q->query, other->query, op);
        return ZX_OK;
    } catch (...) {
        return handle_exception(err, errlen, "query");
    }
}

int zx_query_filter(zx_query *q, const zx_query *filter, char *err, size_t errlen)
{
    return combine(q, filter, Xapian::Query::OP_FILTER, err, errlen);
}

int zx_query_or(zx_query *q, const zx_query *other, char *err, size_t errlen)
{
    return combine(q, other, Xapian::Query::OP_OR, err, errlen);
}

int zx_query_and(zx_query *q, const zx_query *other, char *err, size_t errlen)
{
    return combine(q, other, Xapian::Query::OP_AND, err, errlen);
}

int zx_query_and_not(zx_query *q, const zx_query *other, char *err, size_t errlen)
{
    return combine(q, other, Xapian::Query::OP_AND_NOT, err, errlen);
}

int zx_query_and_maybe(zx_query *q, const zx_query *other, char *err, size_t errlen)
{
    return combine(q, other, Xapian::Query::OP_AND_MAYBE, err, errlen);
}

char *zx_query_describe(const zx_query *q)
{
    try {
        char *out = nullptr;
        copy_out(q->query.get_description(), &out, nullptr);
        return out;
    } catch (...) {
        return nullptr;
    }
}

void zx_query_free(zx_query *q)
{
    delete q;
}

} // extern "C"

static void sort_counts(facet_counts &v)
{
    std::sort(v.begin(), v.end(),
              [](const facet_counts::value_type &a, const facet_counts::value_type &b) {
                  return a.second != b.second ? a.second > b.second : a.first < b.first;
              });
}

// Counted by ValueCountMatchSpy: each whole value's count added to its parts.
static facet_counts counts_of(const Xapian::ValueCountMatchSpy &spy)
{
    std::map<std::string, Xapian::doccount> parts;
    for (Xapian::TermIterator t = spy.values_begin(); t != spy.values_end(); ++t)
        for (const std::string &part : split(*t, ZX_VALUE_SEP))
            parts[part] += t.get_termfreq();
    facet_counts v(parts.begin(), parts.end());
    sort_counts(v);
    return v;
}

// Counted by ColumnCountSpy, by value number: each part's count, by part number.
static column_counts parts_counted(const zx_column &col, const std::vector<Xapian::doccount> &by_value)
{
    column_counts c;
    c.col = &col;
    c.by_part.assign(col.parts.size(), 0);
    for (size_t v = 1; v < by_value.size(); v++)
        if (by_value[v])
            for (uint32_t p : col.parts_of[v])
                c.by_part[p] += by_value[v];
    return c;
}

// ... listed to fn as sort_counts sorts, by numbers: ties by the part's
// place in byte order, known since the column was read.  Only as much is
// sorted as fn reads: a page shows 20 organisations of the thousands a
// common word's matches name.
static void list_counts(const column_counts &c, zx_facet_fn fn, void *ud)
{
    const zx_column &col = *c.col;
    typedef std::pair<uint32_t, Xapian::doccount> counted;
    std::vector<counted> seen;
    for (size_t p = 0; p < c.by_part.size(); p++)
        if (c.by_part[p])
            seen.emplace_back(static_cast<uint32_t>(p), c.by_part[p]);
    const auto before = [&col](const counted &a, const counted &b) {
        return a.second != b.second ? a.second > b.second : col.part_order[a.first] < col.part_order[b.first];
    };
    const size_t first = 32;   // sorted at once; the rest if fn reads on
    const auto cut = seen.begin() + static_cast<std::ptrdiff_t>(std::min(first, seen.size()));
    std::partial_sort(seen.begin(), cut, seen.end(), before);
    for (auto e = seen.begin(); e != seen.end(); ++e) {
        if (e == cut)
            std::sort(cut, seen.end(), before);
        const std::string &part = col.parts[e->first];
        if (fn(part.data(), part.size(), e->second, ud))
            break;
    }
}

// One part's count, found by its bytes among the parts in byte order.
static Xapian::doccount count_of(const column_counts &c, const char *value, size_t len)
{
    const zx_column &col = *c.col;
    const std::string key(value, len);
    auto at = std::lower_bound(col.in_order.begin(), col.in_order.end(), key,
                               [&col](uint32_t p, const std::string &k) { return col.parts[p] < k; });
    return at != col.in_order.end() && col.parts[*at] == key ? c.by_part[*at] : 0;
}

// The slot's column, read from its value stream when not yet in memory.
static const zx_column &column_of(zx_db *db, Xapian::valueno slot)
{
    auto found = db->columns.find(slot);
    if (found != db->columns.end())
        return found->second;
    zx_column c;
    c.values.emplace_back();
    c.id.assign(db->read->get_lastdocid() + 1, 0);
    std::unordered_map<std::string, uint32_t> number;
    for (Xapian::ValueIterator v = db->read->valuestream_begin(slot); v != db->read->valuestream_end(slot); ++v) {
        const Xapian::docid did = v.get_docid();
        if (did >= c.id.size())
            c.id.resize(did + 1, 0);
        const auto added = number.emplace(*v, static_cast<uint32_t>(c.values.size()));
        if (added.second)
            c.values.push_back(*v);
        c.id[did] = added.first->second;
    }
    std::unordered_map<std::string, uint32_t> part_number;
    c.parts_of.resize(c.values.size());
    for (size_t v = 1; v < c.values.size(); v++)
        for (const std::string &part : split(c.values[v], ZX_VALUE_SEP)) {
            const auto added = part_number.emplace(part, static_cast<uint32_t>(c.parts.size()));
            if (added.second)
                c.parts.push_back(part);
            c.parts_of[v].push_back(added.first->second);
        }
    std::vector<uint32_t> by_bytes(c.parts.size());
    for (size_t p = 0; p < by_bytes.size(); p++)
        by_bytes[p] = static_cast<uint32_t>(p);
    std::sort(by_bytes.begin(), by_bytes.end(), [&c](uint32_t a, uint32_t b) { return c.parts[a] < c.parts[b]; });
    c.part_order.resize(c.parts.size());
    for (size_t k = 0; k < by_bytes.size(); k++)
        c.part_order[by_bytes[k]] = static_cast<uint32_t>(k);
    c.in_order = std::move(by_bytes);
    return db->columns.emplace(slot, std::move(c)).first->second;
}

// The sort key of a date-sorted page from the slot's column, for a kept-open
// local database: Xapian's own sort by value reads each match's value from
// its stream (the most block reads of any page of the mix).  The same
// bytes, so the same order.
class ColumnKeyMaker : public Xapian::KeyMaker {
    const zx_column &col;

  public:
    explicit ColumnKeyMaker(const zx_column &c) : col(c) {}
    std::string operator()(const Xapian::Document &doc) const override
    {
        const Xapian::docid did = doc.get_docid();
        return did < col.id.size() ? col.values[col.id[did]] : std::string();
    }
};

// Collapsing (one hit a meeting) from the collapse slot's column, for a
// kept-open local database whose every match is looked at: Xapian's own
// collapsing asks each matching document for its key (a B-tree lookup and
// a chunk decoded a match: an eighth of a results page).  The match runs
// without collapsing; a spy counts the matches of each key; the best hits
// are read in order and a key's first is kept -- the one Xapian keeps, as
// it keeps the best by the same order.  The page needs offset + limit keys
// among the first hits: a window of 3 times that is asked for (the best
// hits of the real minutes hold 10 meetings in 10 to 23 hits), then one of
// 16 times; when that holds too few (or the page is deep) false is returned
// and Xapian collapses.  keys: the matches of each key when they were
// counted by a match of their own (count_matches), else NULL and they are
// counted here, by the one window of 16 times.
static bool collapse_by_column(zx_mset *m, zx_db *db, const zx_search_opts *opts,
                               const std::vector<Xapian::doccount> *keys)
{
    const size_t want = static_cast<size_t>(opts->offset) + opts->limit;
    const zx_column &col = column_of(db, opts->collapse_slot);
    const size_t windows[] = { want * 3, want * 16 };
    for (size_t w = keys ? 0 : 1; w < 2; w++) {
        const size_t window = windows[w];
        if (window > 4000)
            return false;
        ColumnCountSpy counted_here;
        Xapian::MSet all;
        if (keys) {
            all = m->enquire.get_mset(0, static_cast<Xapian::doccount>(window), Xapian::doccount(0));
        } else {
            counted_here.count(col);
            m->enquire.add_matchspy(&counted_here);
            all = m->enquire.get_mset(0, static_cast<Xapian::doccount>(window), opts->check_at_least);
            m->enquire.clear_matchspies();
        }
        const std::vector<Xapian::doccount> &per_key = keys ? *keys : counted_here.counts[0];
        std::vector<bool> seen(col.values.size(), false);
        std::vector<Xapian::doccount> shown, same;
        size_t kept = 0;
        for (Xapian::MSetIterator it = all.begin(); it != all.end() && kept < want; ++it) {
            const Xapian::docid did = *it;
            const uint32_t key = did < col.id.size() ? col.id[did] : 0;
            if (key) {
                if (seen[key])
                    continue;
                seen[key] = true;
            }
            if (kept++ >= opts->offset) {
                shown.push_back(it.get_rank());
                same.push_back(key ? per_key[key] : 1);
            }
        }
        if (kept < want && all.size() == window)
            continue;   // too few keys in the window: more hits might show
        Xapian::doccount total = per_key[0];
        for (size_t v = 1; v < per_key.size(); v++)
            total += per_key[v] ? 1 : 0;
        m->mset = all;
        m->shown = std::move(shown);
        m->same = std::move(same);
        m->total = total;
        m->first_rank = opts->offset;
        m->by_column = true;
        return true;
    }
    return false;
}

// Every match counted (facets, an exact total) and the best ranked by
// relevance: in two matches.  Xapian's matcher, told to look at every
// match, keeps each in its heap of best hits in turn -- a push and a pop of
// an item holding two strings, and the weight's bound recomputed, for
// every match -- as it never learns a weight below which a match may be
// passed over (that weight is set only once check_at_least matches were
// seen, and a match passed over would not reach the spies).  So the
// matches are counted by a match without weights (BoolWeight: no document
// lengths read) that feeds the spies and gives the exact total, and ranked
// by one that looks at no more than the page needs and passes over what
// cannot reach it: the same best hits in the same order, in a third less
// time on a page of a word in a third of the documents.
static void count_matches(zx_mset *m, Xapian::Enquire &counter, const Xapian::Query &query,
                          const zx_search_opts *opts)
{
    counter.set_query(query);
    counter.set_weighting_scheme(Xapian::BoolWeight());
    counter.set_time_limit(ZX_MATCH_TIME_LIMIT_S);
    m->total = counter.get_mset(0, 0, opts->check_at_least).get_matches_lower_bound();
    m->counted_apart = true;
}

// The documents a query matches, as a bit a docid, read from the posting
// lists without Xapian's matcher (matching_bits): for a query of terms
// joined by AND, OR, AND NOT (and the operators that match as those do:
// FILTER, SYNONYM, MAX, AND_MAYBE's left side, a scaled weight), which
// postings_can_count tells before a list is read.  Any other operator (a
// phrase, a wildcard, a value range) is left to Xapian's matcher.
typedef std::vector<uint64_t> doc_bits;

static bool postings_can_count(const Xapian::Query &q)
{
    switch (q.get_type()) {
    case Xapian::Query::LEAF_MATCH_NOTHING:
    case Xapian::Query::LEAF_TERM:
    case Xapian::Query::LEAF_MATCH_ALL:
        return true;
    case Xapian::Query::OP_SCALE_WEIGHT:
    case Xapian::Query::OP_AND_MAYBE:
        return q.get_num_subqueries() > 0 && postings_can_count(q.get_subquery(0));
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_FILTER:
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_SYNONYM:
    case Xapian::Query::OP_MAX:
    case Xapian::Query::OP_AND_NOT:
        for (size_t k = 0; k < q.get_num_subqueries(); k++)
            if (!postings_can_count(q.get_subquery(k)))
                return false;
        return q.get_num_subqueries() > 0;
    default:
        return false;
    }
}

static void term_bits(const Xapian::Database &db, const std::string &term, doc_bits &bits)
{
    for (Xapian::PostingIterator p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
        const Xapian::docid did = *p;
        if (did / 64 < bits.size())
            bits[did / 64] |= uint64_t(1) << (did % 64);
    }
}

// q is one postings_can_count accepts; zdb keeps the marks' bits.
static void matching_bits(const Xapian::Database &db, const Xapian::Query &q, doc_bits &bits, zx_db *zdb)
{
    std::fill(bits.begin(), bits.end(), 0);
    const size_t n = q.get_num_subqueries();
    switch (q.get_type()) {
    case Xapian::Query::LEAF_TERM:
    case Xapian::Query::LEAF_MATCH_ALL: {
        const std::string term = q.get_type() == Xapian::Query::LEAF_TERM ? *q.get_terms_begin() : std::string();
        if (zdb && zdb->mark_terms.count(term)) {
            auto kept = zdb->marks.find(term);
            if (kept == zdb->marks.end()) {
                kept = zdb->marks.emplace(term, doc_bits(bits.size())).first;
                term_bits(db, term, kept->second);
            }
            if (kept->second.size() == bits.size()) {
                bits = kept->second;
                return;
            }
        }
        term_bits(db, term, bits);
        return;
    }
    case Xapian::Query::OP_SCALE_WEIGHT:
    case Xapian::Query::OP_AND_MAYBE:
        matching_bits(db, q.get_subquery(0), bits, zdb);
        return;
    default: {   // AND, FILTER, OR, SYNONYM, MAX, AND NOT; MatchNothing has no sides
        if (n == 0)
            return;
        matching_bits(db, q.get_subquery(0), bits, zdb);
        const Xapian::Query::op op = q.get_type();
        doc_bits other(bits.size());
        for (size_t k = 1; k < n; k++) {
            matching_bits(db, q.get_subquery(k), other, zdb);
            for (size_t w = 0; w < bits.size(); w++)
                bits[w] = op == Xapian::Query::OP_AND_NOT                            ? bits[w] & ~other[w]
                          : op == Xapian::Query::OP_AND || op == Xapian::Query::OP_FILTER ? bits[w] & other[w]
                                                                                        : bits[w] | other[w];
        }
    }
    }
}

// Counts the matches of a query postings_can_count accepts from the posting
// lists, each into the facets' columns when spy is given, and returns how
// many: a match of Xapian's costs its matcher's round for every matching
// document, this a bit.
static Xapian::doccount postings_total(zx_db *zdb, const Xapian::Query &query, ColumnCountSpy *spy)
{
    const Xapian::Database &db = *zdb->read;
    doc_bits bits(db.get_lastdocid() / 64 + 1);
    matching_bits(db, query, bits, zdb);
    Xapian::doccount total = 0;
    for (size_t w = 0; w < bits.size(); w++) {
        total += static_cast<Xapian::doccount>(__builtin_popcountll(bits[w]));
        for (uint64_t b = spy ? bits[w] : 0; b; b &= b - 1)
            spy->add(static_cast<Xapian::docid>(w * 64 + static_cast<size_t>(__builtin_ctzll(b))));
    }
    return total;
}

static void count_by_postings(zx_mset *m, zx_db *db, const Xapian::Query &query, ColumnCountSpy *spy)
{
    m->total = postings_total(db, query, spy);
    m->counted_apart = true;
}

static int search_once(zx_db *db, const zx_query *q, const zx_search_opts *opts, zx_mset **out,
                       char *err, size_t errlen, bool retried)
{
    *out = nullptr;
    if (!db || !q || !opts) {
        set_err(err, errlen, "search: NULL argument");
        return ZX_ERR_ARG;
    }
    try {
        std::unique_ptr<zx_mset> m(new zx_mset(db, *db->read));
        m->asked = q->asked();
        m->enquire.set_query(q->query);
        m->enquire.set_time_limit(ZX_MATCH_TIME_LIMIT_S);
        const bool exhaustive = opts->check_at_least >= db->read->get_doccount();
        m->exhaustive = exhaustive;
        const bool local = opts->memory_facets && !zx_db_has_remote(db) && !db->write;
        if (opts->sort_slot >= 0 && local && db->shards.size() < 2) {
            m->sort_key.reset(new ColumnKeyMaker(column_of(db, static_cast<Xapian::valueno>(opts->sort_slot))));
            m->enquire.set_sort_by_key_then_relevance(m->sort_key.get(), opts->sort_descending != 0);
        } else if (opts->sort_slot >= 0) {
            m->enquire.set_sort_by_value_then_relevance(static_cast<unsigned>(opts->sort_slot),
                                                        opts->sort_descending != 0);
        }
        const bool counted_by_relevance = exhaustive && opts->n_facet_slots > 0 && opts->sort_slot < 0;
        const bool by_postings = local && counted_by_relevance && postings_can_count(q->query);
        // Columns are kept by the combined docid, and a spy is told a
        // shard's own: over a stub of several shards they are counted from
        // the posting lists, or not at all (Xapian's spies count).
        const bool columns = local && (db->shards.size() < 2 || by_postings);
        const bool by_column = opts->collapse && columns && exhaustive;
        // counted by a match of their own (count_matches), unless remote
        // shards would be asked twice or Xapian collapses (its count of
        // meetings needs every match looked at again)
        const bool apart = counted_by_relevance && !zx_db_has_remote(db) && (!opts->collapse || by_column);
        // A page without facets or grouping, its total wanted exact up to
        // check_at_least: Xapian's matcher would weigh that many matches
        // (every one of fewer) where the page needs its own.  From a local
        // database the total is counted from the posting lists instead --
        // exact whatever the number -- and the match looks at what the page
        // needs: 28 % fewer instructions for a page of one.
        const bool plain = !exhaustive && opts->n_facet_slots == 0 && !opts->collapse && !zx_db_has_remote(db) &&
                           !db->write && postings_can_count(q->query);
        if (plain)
            count_by_postings(m.get(), db, q->query, nullptr);
        Xapian::Enquire counter(*db->read);
        Xapian::Enquire &spied = apart ? counter : m->enquire;
        // the facets' spies: one counting every column, or Xapian's, a slot each
        ColumnCountSpy *by_columns = nullptr;
        auto add_spies = [&]() {
            m->spies.clear();
            by_columns = nullptr;
            if (columns && opts->n_facet_slots > 0) {
                m->spies.emplace_back(by_columns = new ColumnCountSpy);
                for (size_t i = 0; i < opts->n_facet_slots; i++)
                    by_columns->count(column_of(db, opts->facet_slots[i]));
            } else {
                for (size_t i = 0; i < opts->n_facet_slots; i++)
                    m->spies.emplace_back(new Xapian::ValueCountMatchSpy(opts->facet_slots[i]));
            }
            for (const auto &spy : m->spies)
                spied.add_matchspy(spy.get());
        };
        add_spies();
        // counted apart, the meetings' keys are counted with the facets
        const size_t keys_at = apart && by_column ? by_columns->count(column_of(db, opts->collapse_slot)) : 0;
        if (apart && by_columns && by_postings)
            count_by_postings(m.get(), db, q->query, by_columns);
        else if (apart)
            count_matches(m.get(), counter, q->query, opts);
        if (!(by_column && collapse_by_column(m.get(), db, opts, apart ? &by_columns->counts[keys_at] : nullptr))) {
            if (by_column && !apart) {
                m->enquire.clear_matchspies();   // they may have counted once
                add_spies();
            }
            if (opts->collapse) {
                // Xapian collapses: its total is of meetings, not matches
                m->enquire.set_collapse_key(opts->collapse_slot);
                m->counted_apart = false;
            }
            const bool ranked_only = (apart && !opts->collapse) || plain;
            m->mset = m->enquire.get_mset(opts->offset, opts->limit,
                                          ranked_only ? Xapian::doccount(0) : opts->check_at_least);
        }
        for (size_t i = 0; i < opts->n_facet_slots; i++) {
            if (by_columns)
                m->column.push_back(parts_counted(db->columns[opts->facet_slots[i]], by_columns->counts[i]));
            else
                m->counts.push_back(counts_of(*static_cast<const Xapian::ValueCountMatchSpy *>(m->spies[i].get())));
        }
        // the hits' documents asked for at once: from remote shards in one
        // exchange, not a round trip a hit
        if (m->mset.size() > 0 && !m->by_column)
            m->mset.fetch(m->mset.begin(), m->mset.end());
        *out = m.release();
        return ZX_OK;
    } catch (const Xapian::NetworkError &) {
        // a remote shard went down since it was opened: name it; with
        // partial results allowed, search the others once more
        if (db->shards.empty() || !find_down_shards(db)) {
            return handle_exception(err, errlen, db->path);
        }
        if (!db->partial || retried) {
            set_err(err, errlen, down_message(db));
            return ZX_ERR_SHARD;
        }
        try {
            combine_shards(db);
        } catch (...) {
            return handle_exception(err, errlen, db->path);
        }
        return search_once(db, q, opts, out, err, errlen, true);
    } catch (...) {
        return handle_exception(err, errlen, db->path);
    }
}

extern "C" {

int zx_search(zx_db *db, const zx_query *q, const zx_search_opts *opts, zx_mset **out,
              char *err, size_t errlen)
{
    return search_once(db, q, opts, out, err, errlen, false);
}

unsigned zx_mset_size(const zx_mset *m)
{
    return m->by_column ? static_cast<unsigned>(m->shown.size()) : m->mset.size();
}

unsigned zx_mset_total(const zx_mset *m)
{
    if (m->by_column || m->counted_apart)
        return m->total;
    return m->exhaustive ? m->mset.get_matches_lower_bound() : m->mset.get_matches_estimated();
}

unsigned zx_mset_rank(const zx_mset *m, unsigned i)
{
    return m->by_column ? m->first_rank + i : m->item(i).get_rank();
}

unsigned zx_mset_collapsed(const zx_mset *m, unsigned i)
{
    return m->by_column ? m->same[i] - 1 : m->item(i).get_collapse_count();
}

int zx_mset_percent(const zx_mset *m, unsigned i)
{
    return m->item(i).get_percent();
}

double zx_mset_weight(const zx_mset *m, unsigned i)
{
    return m->item(i).get_weight();
}

zx_db *zx_mset_db(const zx_mset *m)
{
    return m->db;
}

int zx_mset_data(const zx_mset *m, unsigned i, char **data, size_t *len, char *err,
                 size_t errlen)
{
    *data = nullptr;
    try {
        return copy_out(m->item(i).get_document().get_data(), data, len);
    } catch (...) {
        return handle_exception(err, errlen, "document data");
    }
}

int zx_mset_value(const zx_mset *m, unsigned i, unsigned slot, char **data, size_t *len,
                  char *err, size_t errlen)
{
    *data = nullptr;
    try {
        return copy_out(m->item(i).get_document().get_value(slot), data, len);
    } catch (...) {
        return handle_exception(err, errlen, "document value");
    }
}

int zx_mset_matching_terms(const zx_mset *m, unsigned i, zx_term_fn fn, void *ud, char *err,
                           size_t errlen)
{
    try {
        Xapian::MSetIterator it = m->item(i);
        each_term(m->enquire.get_matching_terms_begin(it), m->enquire.get_matching_terms_end(it), fn, ud);
        return ZX_OK;
    } catch (...) {
        return handle_exception(err, errlen, "matching terms");
    }
}

int zx_mset_query_terms(const zx_mset *m, zx_term_fn fn, void *ud, char *err, size_t errlen)
{
    try {
        each_term(m->asked.get_unique_terms_begin(), m->asked.get_unique_terms_end(), fn, ud);
        return ZX_OK;
    } catch (...) {
        return handle_exception(err, errlen, "query terms");
    }
}

// The facet slots counted: by the columns or by Xapian's spies, a slot each.
static size_t facets_counted(const zx_mset *m)
{
    return m->column.size() + m->counts.size();
}

int zx_mset_facet(const zx_mset *m, size_t k, zx_facet_fn fn, void *ud, char *err, size_t errlen)
{
    if (k >= facets_counted(m)) {
        set_err(err, errlen, "facet: no such facet slot");
        return ZX_ERR_ARG;
    }
    if (!m->column.empty()) {
        try {
            list_counts(m->column[k], fn, ud);
            return ZX_OK;
        } catch (...) {
            return handle_exception(err, errlen, "facet");
        }
    }
    for (const auto &e : m->counts[k])
        if (fn(e.first.data(), e.first.size(), e.second, ud))
            break;
    return ZX_OK;
}

unsigned zx_mset_facet_count(const zx_mset *m, size_t k, const char *value, size_t len)
{
    if (k >= facets_counted(m))
        return 0;
    if (!m->column.empty()) {
        try {
            return count_of(m->column[k], value, len);
        } catch (...) {
            return 0;
        }
    }
    for (const auto &e : m->counts[k])
        if (e.first.size() == len && std::memcmp(e.first.data(), value, len) == 0)
            return e.second;
    return 0;
}

void zx_mset_free(zx_mset *m)
{
    delete m;   // NULL is fine
}

} // extern "C"
