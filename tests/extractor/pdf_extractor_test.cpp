#include "indexer/extractor/pdf_extractor.h"

#include <doctest/doctest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "tests/extractor/extractor_test_util.h"

namespace haku::extractor {
namespace {

struct PdfSpec {
  std::vector<std::string> pages;  // one line of Latin-1 text each
  std::string title;
  std::string lang;
  bool encrypt = false;
};

std::string PdfString(const std::string& s) {
  std::string out = "(";
  for (char c : s) {
    if (c == '(' || c == ')' || c == '\\') out += '\\';
    out += c;
  }
  return out + ")";
}

// A minimal, valid PDF with a correct xref table, written by hand.
std::string MakePdf(const PdfSpec& spec) {
  std::vector<std::string> objects;
  int n = static_cast<int>(spec.pages.size());
  std::string catalog = "<< /Type /Catalog /Pages 2 0 R";
  if (!spec.lang.empty()) catalog += " /Lang " + PdfString(spec.lang);
  objects.push_back(catalog + " >>");
  std::string kids;
  for (int i = 0; i < n; ++i) kids += std::to_string(5 + 2 * i) + " 0 R ";
  objects.push_back("<< /Type /Pages /Kids [" + kids + "] /Count " +
                    std::to_string(n) + " >>");
  objects.push_back(
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding "
      "/WinAnsiEncoding >>");
  objects.push_back("<< /Title " + PdfString(spec.title) + " >>");
  for (int i = 0; i < n; ++i) {
    objects.push_back("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                      "/Resources << /Font << /F1 3 0 R >> >> /Contents " +
                      std::to_string(6 + 2 * i) + " 0 R >>");
    std::string content =
        "BT /F1 12 Tf 72 720 Td " + PdfString(spec.pages[i]) + " Tj ET";
    objects.push_back("<< /Length " + std::to_string(content.size()) +
                      " >>\nstream\n" + content + "\nendstream");
  }
  if (spec.encrypt) {
    objects.push_back("<< /Filter /Standard /V 1 /R 2 /O <" +
                      std::string(64, 'A') + "> /U <" + std::string(64, 'B') +
                      "> /P -4 >>");
  }
  std::string pdf = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) +
         "\n0000000000 65535 f \n";
  for (size_t off : offsets) {
    char line[32];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", off);
    pdf += line;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
         " /Root 1 0 R /Info 4 0 R";
  if (spec.encrypt) {
    pdf += " /Encrypt " + std::to_string(objects.size()) +
           " 0 R /ID [<0123456789ABCDEF0123456789ABCDEF> "
           "<0123456789ABCDEF0123456789ABCDEF>]";
  }
  pdf += " >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

PdfSpec SwedishSpec() {
  PdfSpec spec;
  spec.title = "Surdegsguiden";
  spec.lang = "sv-SE";
  spec.pages = {testing::Encode("Mata surdegen med rågmjöl en gång om dagen.",
                                "windows-1252"),
                "Second page about flour."};
  return spec;
}

ExtractOptions Mode(bool subprocess) {
  ExtractOptions options;
  options.pdf_in_subprocess = subprocess;
  return options;
}

}  // namespace

TEST_CASE("a hand-written PDF: text, title, language") {
  std::string pdf = MakePdf(SwedishSpec());
  for (bool subprocess : {true, false}) {
    CAPTURE(subprocess);
    ExtractedPage page = ExtractPdf(pdf, Mode(subprocess));
    REQUIRE(page.type == ExtractedPage::Type::kPdf);
    CHECK(page.reason.empty());
    CHECK(page.title == "Surdegsguiden");
    CHECK(page.lang_hint == "sv-SE");
    std::string body = testing::Body(page);
    CHECK(body.find("Mata surdegen med rågmjöl en gång om dagen.") !=
          std::string::npos);
    CHECK(body.find("Second page about flour.") != std::string::npos);
  }
}

TEST_CASE("Extract() routes PDFs by type and by sniffing") {
  std::string pdf = MakePdf(SwedishSpec());
  for (const char* type : {"application/pdf", "", "application/octet-stream"}) {
    CAPTURE(type);
    RawPage raw{"https://a.example/guide.pdf", type, "", "", pdf};
    CHECK(Extract(raw).type == ExtractedPage::Type::kPdf);
  }
}

TEST_CASE("page cap") {
  PdfSpec spec;
  spec.title = "Many pages";
  for (int i = 0; i < 5; ++i) spec.pages.push_back("Page number " + std::to_string(i));
  ExtractOptions options;
  options.max_pdf_pages = 2;
  ExtractedPage page = ExtractPdf(MakePdf(spec), options);
  std::string body = testing::Body(page);
  CHECK(body.find("Page number 1") != std::string::npos);
  CHECK(body.find("Page number 2") == std::string::npos);
}

TEST_CASE("the title falls back to the first line of text") {
  PdfSpec spec;
  spec.pages = {"Annual report of the rowing club"};
  CHECK(ExtractPdf(MakePdf(spec), {}).title == "Annual report of the rowing club");
}

TEST_CASE("broken PDFs fail with a reason") {
  std::string good = MakePdf(SwedishSpec());
  PdfSpec encrypted = SwedishSpec();
  encrypted.encrypt = true;
  std::string garbage = "%PDF-1.7\n" + std::string(2000, '\x9c') + "\n%%EOF\n";
  struct Case {
    const char* name;
    std::string bytes;
    const char* reason;
  } cases[] = {
      {"encrypted", MakePdf(encrypted), "encrypted PDF (needs a password)"},
      {"truncated", good.substr(0, good.size() / 2),
       "truncated PDF (no %%EOF marker at the end)"},
      {"garbage", garbage, "corrupt PDF (poppler cannot open it)"},
      {"not a PDF", "hello world", "not a PDF (no %PDF- header)"},
      {"empty", "", "not a PDF (no %PDF- header)"},
  };
  for (bool subprocess : {true, false}) {
    for (const Case& c : cases) {
      CAPTURE(subprocess);
      CAPTURE(c.name);
      ExtractedPage page = ExtractPdf(c.bytes, Mode(subprocess));
      CHECK(page.type == ExtractedPage::Type::kFailed);
      CHECK(page.reason == c.reason);
      CHECK(page.blocks.empty());
    }
  }
}

TEST_CASE("a PDF without text fails") {
  PdfSpec spec;
  spec.pages = {""};
  ExtractedPage page = ExtractPdf(MakePdf(spec), {});
  CHECK(page.type == ExtractedPage::Type::kFailed);
  CHECK(page.reason == "PDF without extractable text");
}

TEST_CASE("the subprocess is killed at the time limit") {
  ExtractOptions options;
  options.pdf_timeout_ms = 0;
  ExtractedPage page = ExtractPdf(MakePdf(SwedishSpec()), options);
  CHECK(page.type == ExtractedPage::Type::kFailed);
  CHECK(page.reason == "PDF parser timed out or wrote too much; killed");
}

}  // namespace haku::extractor
