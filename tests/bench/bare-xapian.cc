// bare-xapian: the floor zapisy is measured against (make bench).  What
// Xapian itself costs, with nothing of ours: one thread, TermGenerator with
// positions (no stemmer: Xapian has none for Czech), the text stored as
// the document's data, a unique id term; and queries as quest runs them
// (QueryParser, Enquire, an MSet), timed in-process so start-up is not in
// the figure.  C++ because TermGenerator is; it is a benchmark tool, not
// part of zapisy.
//   bare-xapian index DB < FILE-LIST
//   bare-xapian query DB LIMIT ROUNDS < QUERIES     (prints p50 and p95 in ms)
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

static int index_files(const char *db_path)
{
    Xapian::WritableDatabase db(db_path, Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::TermGenerator tg;
    std::string path;
    unsigned n = 0;
    while (std::getline(std::cin, path)) {
        std::ifstream in(path, std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        std::string text = ss.str();
        Xapian::Document doc;
        tg.set_document(doc);
        tg.index_text(text);
        doc.set_data(text);
        std::string id = "Q" + path;
        doc.add_boolean_term(id.substr(0, 240));
        db.replace_document(id.substr(0, 240), doc);
        ++n;
    }
    db.commit();
    std::printf("bare-xapian: indexed %u files\n", n);
    return 0;
}

static int run_queries(const char *db_path, unsigned limit, unsigned rounds)
{
    Xapian::Database db(db_path);
    std::vector<std::string> queries;
    std::string q;
    while (std::getline(std::cin, q))
        if (!q.empty())
            queries.push_back(q);
    std::vector<double> ms;
    for (unsigned r = 0; r < rounds; ++r) {
        for (const auto &qs : queries) {
            auto t0 = std::chrono::steady_clock::now();
            Xapian::QueryParser qp;
            qp.set_database(db);
            qp.set_default_op(Xapian::Query::OP_AND);
            Xapian::Enquire enquire(db);
            enquire.set_query(qp.parse_query(qs, Xapian::QueryParser::FLAG_DEFAULT));
            Xapian::MSet m = enquire.get_mset(0, limit);
            for (auto it = m.begin(); it != m.end(); ++it)
                (void)it.get_document().get_data().size();   // quest shows each hit's data
            auto t1 = std::chrono::steady_clock::now();
            ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
        }
    }
    std::sort(ms.begin(), ms.end());
    if (ms.empty())
        return 1;
    std::printf("p50 %.2f ms, p95 %.2f ms (%zu queries)\n", ms[ms.size() / 2], ms[ms.size() * 95 / 100],
                ms.size());
    return 0;
}

int main(int argc, char **argv)
{
    try {
        if (argc == 3 && std::string(argv[1]) == "index")
            return index_files(argv[2]);
        if (argc == 5 && std::string(argv[1]) == "query")
            return run_queries(argv[2], (unsigned)std::stoul(argv[3]), (unsigned)std::stoul(argv[4]));
    } catch (const Xapian::Error &e) {
        std::fprintf(stderr, "bare-xapian: %s\n", e.get_description().c_str());
        return 2;
    } catch (const std::exception &e) {
        std::fprintf(stderr, "bare-xapian: %s\n", e.what());
        return 2;
    }
    std::fprintf(stderr, "usage: bare-xapian index DB < FILE-LIST | bare-xapian query DB LIMIT ROUNDS < QUERIES\n");
    return 2;
}
