#include "indexer/sources/list_parser.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <random>

#include "tests/test_util.h"

namespace haku::sources {
namespace {

std::string Corpus(const std::string& name) { return testing::SourceDir() + "/corpus/" + name; }

ParsedList MustParse(const std::string& path) {
  Result<ParsedList> r = ParseListFile(path);
  REQUIRE_MESSAGE(r.ok(), r.status().ToString());
  return r.value();
}

const ResourceEntry* Find(const ParsedList& list, const std::string& url) {
  auto it = std::find_if(list.entries.begin(), list.entries.end(),
                         [&](const ResourceEntry& e) { return e.url == url; });
  return it == list.entries.end() ? nullptr : &*it;
}

}  // namespace

TEST_CASE("each bundled list parses to its exact entries") {
  struct Expect {
    const char* file;
    size_t entries;
    const char* title;
  };
  const Expect lists[] = {
      {"nordic-healthcare-data-science.md", 28,
       "Awesome resources for Data Science in the healthcare sector, with emphasis on "
       "single-payer healthcare systems"},
      {"health-data-sharing-is-caring.md", 4, "Health Data Sharing Is Caring"},
      {"public-medical-datasets.md", 20, "Public data sets"},
      {"health-data-science-links.txt", 27, ""},
      {"medical-datasets-for-education.md", 11,
       "High-Quality, Open-Source Medical Datasets for Education"},
  };
  for (const Expect& e : lists) {
    CAPTURE(e.file);
    ParsedList list = MustParse(Corpus(e.file));
    CHECK(list.entries.size() == e.entries);
    CHECK(list.title == e.title);
    CHECK(list.warnings.empty());
    CHECK(list.name == ListNameFor(e.file));
  }
}

TEST_CASE("sample entries carry URL, link text, description, sections and line") {
  struct Sample {
    const char* file;
    const char* url;
    const char* link_text;
    std::vector<std::string> headings;
    const char* description_start;
    int line;
  };
  const Sample samples[] = {
      {"nordic-healthcare-data-science.md", "https://play.lnu.se/media/t/0_9gldbzgn",
       "AI och maskininlärning för kliniker", {"Videos"}, "in Swedish!", 20},
      {"nordic-healthcare-data-science.md", "https://physionet.org/content/mimiciv/2.2/",
       "MIMIC-IV", {"Open source datasets"}, "PhysioNet contains a large number", 36},
      {"nordic-healthcare-data-science.md", "https://github.com/Project-MONAI", "Monai",
       {"Repositories"}, "is a toolkit for medical image analysis", 28},
      {"public-medical-datasets.md", "https://brain-development.org/ixi-dataset/",
       "Brain MRI data", {"Imaging", "IXI"}, "", 15},
      {"public-medical-datasets.md", "https://www.ncbi.nlm.nih.gov/gap/", "dbGaP",
       {"Genetic datga"}, "European Genome-Phenome Archive", 51},
      {"medical-datasets-for-education.md",
       "https://stanfordmlgroup.github.io/competitions/chexpert/", "CheXpert",
       {"(1) Medical Images", "X-Rays"}, "224,316 chest radiographs from 65,240 patients", 26},
      {"health-data-science-links.txt", "https://lnkd.in/eacNnjz",
       "Fundamentals of Clinical Data Science",
       {"Health Data Science - Open-Access (Free) Textbooks"}, "", 13},
      {"health-data-science-links.txt", "http://www.healthdsa.org/", "",
       {"Health Data Science - Open-Access (Free) Textbooks"}, "Check out the Health Data", 16},
      {"health-data-science-links.txt", "https://stanfordmlgroup.github.io/competitions/mura/",
       "MURA", {"Data"}, "bone X-ray images; determine normal vs abnormal", 37},
      {"health-data-science-links.txt", "https://blog.benchsci.com/"
       "startups-using-artificial-intelligence-in-drug-discovery", "", {"websites"}, "", 8},
      {"health-data-sharing-is-caring.md", "https://zenodo.org/record/3519870", "here", {},
       "All session materials are safely preserved in Zenodo", 7},
  };
  for (const Sample& s : samples) {
    CAPTURE(s.url);
    ParsedList list = MustParse(Corpus(s.file));
    const ResourceEntry* e = Find(list, s.url);
    REQUIRE(e != nullptr);
    CHECK(e->link_text == s.link_text);
    CHECK(e->headings == s.headings);
    CHECK(e->description.rfind(s.description_start, 0) == 0);
    CHECK(e->line == s.line);
  }
}

TEST_CASE("a URL listed twice becomes one resource remembering every place") {
  std::vector<ResourceEntry> all;
  for (const char* f : {"nordic-healthcare-data-science.md", "health-data-sharing-is-caring.md",
                        "public-medical-datasets.md", "health-data-science-links.txt",
                        "medical-datasets-for-education.md"}) {
    ParsedList list = MustParse(Corpus(f));
    all.insert(all.end(), list.entries.begin(), list.entries.end());
  }
  CHECK(all.size() == 90);
  std::vector<Resource> resources = MergeEntries(all);
  CHECK(resources.size() == 85);
  auto decathlon = std::find_if(resources.begin(), resources.end(), [](const Resource& r) {
    return r.url == "http://medicaldecathlon.com/";
  });
  REQUIRE(decathlon != resources.end());
  REQUIRE(decathlon->entries.size() == 2);
  CHECK(decathlon->entries[0].list_name == "public-medical-datasets");
  CHECK(decathlon->entries[1].list_name == "health-data-science-links");
}

TEST_CASE("Markdown: reference links, autolinks, bare URLs; no code, no anchors") {
  const char* md =
      "# My list\n"
      "## Tools\n"
      "- [Xapian][x] is a search library\n"
      "- <https://www.gnu.org/software/wget/> wget\n"
      "- see https://curl.se/docs/ and www.HealthDSA.org.\n"
      "- [anchor](#tools) and [mail](mailto:a@b.org)\n"
      "```\nhttps://in.code.block/\n```\n"
      "### Deeper\n"
      "Text with [a link](https://example.org/a?utm_source=x#frag).\n\n"
      "[x]: https://xapian.org/\n";
  ParsedList list = ParseList(md, ListFormat::kMarkdown, "mine", "mine.md");
  CHECK(list.title == "My list");
  std::vector<std::string> urls;
  for (const auto& e : list.entries) urls.push_back(e.url);
  CHECK(urls == std::vector<std::string>{"https://xapian.org/", "https://www.gnu.org/software/wget/",
                                         "https://curl.se/docs/", "http://www.healthdsa.org/",
                                         "https://example.org/a"});
  CHECK(list.entries[0].link_text == "Xapian");
  CHECK(list.entries[0].description == "is a search library");
  CHECK(list.entries[0].headings == std::vector<std::string>{"Tools"});
  CHECK(list.entries[4].headings == std::vector<std::string>{"Tools", "Deeper"});
  CHECK(list.entries[4].line == 11);
}

TEST_CASE("HTML lists: every <a href> in its block, under its headings") {
  const char* html =
      "<html><head><title>T</title></head><body><h1>Datasets</h1>"
      "<h2>Imaging</h2><ul><li><a href='https://physionet.org/'>PhysioNet</a> — "
      "physiological signals</li>\n<li><a href=\"rel/page.html\">Relative</a></li></ul>"
      "<h2>Text</h2><p>See <a href='https://mimic.mit.edu/'>MIMIC</a> for notes.</p>"
      "<script>var u='https://not.a.link/';</script></body></html>";
  ParsedList list = ParseList(html, ListFormat::kHtml, "h", "h.html", "http://127.0.0.1:9/l/");
  REQUIRE(list.entries.size() == 3);
  CHECK(list.title == "Datasets");
  CHECK(list.entries[0].url == "https://physionet.org/");
  CHECK(list.entries[0].link_text == "PhysioNet");
  CHECK(list.entries[0].description == "physiological signals");
  CHECK(list.entries[0].headings == std::vector<std::string>{"Imaging"});
  CHECK(list.entries[1].url == "http://127.0.0.1:9/l/rel/page.html");
  CHECK(list.entries[2].headings == std::vector<std::string>{"Text"});
  CHECK(list.entries[2].description == "See for notes.");
  // Without a base URL a relative link is no resource.
  CHECK(ParseList(html, ListFormat::kHtml, "h", "h.html").entries.size() == 2);
}

TEST_CASE("malformed links are skipped with a warning naming file and line") {
  const char* md = "# L\n\n- [ok](https://ok.example/)\n- [bad](<http://bad host/>)\n";
  ParsedList list = ParseList(md, ListFormat::kMarkdown, "l", "lists/l.md");
  REQUIRE(list.entries.size() == 1);
  REQUIRE(list.warnings.size() == 1);
  CHECK(list.warnings[0].rfind("lists/l.md:4: ", 0) == 0);
}

TEST_CASE("bad list files: missing, binary, not UTF-8, empty") {
  testing::TempDir dir;
  Result<ParsedList> missing = ParseListFile(dir.File("nope.md"));
  CHECK(missing.status().code() == Status::Code::kNotFound);

  testing::WriteFile(dir.File("bin.md"), std::string("\x7f" "ELF\0\0\x01", 7));
  Result<ParsedList> binary = ParseListFile(dir.File("bin.md"));
  REQUIRE_FALSE(binary.ok());
  CHECK(binary.status().message().find("binary") != std::string::npos);

  testing::WriteFile(dir.File("latin1.txt"), "ok line\nk\xe4sikirja https://x.fi/\n");
  Result<ParsedList> latin1 = ParseListFile(dir.File("latin1.txt"));
  REQUIRE_FALSE(latin1.ok());
  CHECK(latin1.status().message().find("latin1.txt:2") != std::string::npos);

  testing::WriteFile(dir.File("empty.md"), "");
  Result<ParsedList> empty = ParseListFile(dir.File("empty.md"));
  REQUIRE(empty.ok());
  CHECK(empty->entries.empty());
}

TEST_CASE("random bytes never crash any parser") {
  std::mt19937 rng(20261123);
  const std::string alphabet = "[]()<>#-*`:/.hwtps \n\t\"'=a&;%\xc3\xa4";
  for (int i = 0; i < 300; ++i) {
    std::string s;
    size_t n = rng() % 400;
    for (size_t k = 0; k < n; ++k) s += alphabet[rng() % alphabet.size()];
    if (i % 3 == 0) s = "https://x.org/ " + s + " [a](http://y.org/" + s + ")";
    for (ListFormat f : {ListFormat::kMarkdown, ListFormat::kHtml, ListFormat::kText}) {
      ParsedList list = ParseList(s, f, "r", "r", "http://base.example/");
      for (const ResourceEntry& e : list.entries) CHECK(e.url.rfind("http", 0) == 0);
    }
  }
}

}  // namespace haku::sources
