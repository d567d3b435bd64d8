// The PDF, checked by independent software: the whole render job (prepare, compose, fonts, the
// native PDF writer) on the bundled example, then poppler's pdffonts (every font embedded, the
// CJK ones among them), pdftotext (the computed figures and the Chinese text are there),
// pdfinfo (metadata) and pdftoppm (pages render); and the same example through LibreOffice
// (`--pdf-engine libreoffice`): its page count within one of ours, its text with the same
// figures. Also the glyph-coverage check that runs before a PDF is made. Skips, with the
// reason, where poppler-utils (or, for the comparison only, LibreOffice) is absent.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "base/file_io.h"
#include "import/zip_archive.h"
#include "render/fonts.h"
#include "render/form.h"
#include "render/pdf.h"
#include "render/render.h"
#include "tests/test_support.h"

namespace jixiao {
namespace {

namespace fs = std::filesystem;

std::string Capture(const std::string& command) {
  std::string out;
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  if (!pipe) return out;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), pipe.get())) > 0) out.append(buf.data(), n);
  return out;
}

bool Have(const char* program) {
  return std::system((std::string("command -v ") + program + " >/dev/null 2>&1").c_str()) == 0;
}

class RenderPdf : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!Have("pdffonts") || !Have("pdftotext") || !Have("pdftoppm") || !Have("pdfinfo")) {
      skip_ = "poppler-utils (pdffonts, pdftotext, pdftoppm, pdfinfo) is absent";
      return;
    }
    dir_ =
        new fs::path(fs::temp_directory_path() / ("jixiao-pdf-test-" + std::to_string(getpid())));
    fs::create_directories(*dir_);
    const Package package = testing::LoadExample();
    const Rulebook rulebook = testing::LoadRulebook("hunan-lingling");
    Result<Form> form = DefaultFormFor(package);
    ASSERT_TRUE(form.ok()) << form.status().message();
    RenderRequest request{{"pdf", "docx"}, dir_->string(), "example"};
    Result<RenderResult> r = RenderPackage(package, rulebook, *form, request);
    ASSERT_TRUE(r.ok()) << r.status().message();
    ASSERT_EQ(r->files.size(), 2u);
    pdf_ = new std::string(r->files[0].path);
    docx_ = new std::string(r->files[1].path);
    fonts_ = new std::vector<std::string>(r->fonts);
  }
  static void TearDownTestSuite() {
    if (dir_ != nullptr) {
      std::error_code ec;
      fs::remove_all(*dir_, ec);
    }
    delete dir_;
    delete pdf_;
    delete docx_;
    delete fonts_;
    dir_ = nullptr;
    pdf_ = nullptr;
    docx_ = nullptr;
    fonts_ = nullptr;
  }
  void SetUp() override {
    if (!skip_.empty()) GTEST_SKIP() << skip_;
    ASSERT_NE(pdf_, nullptr) << "rendering the example failed (see the first test's output)";
  }

  static std::string skip_;
  static fs::path* dir_;
  static std::string* pdf_;
  static std::string* docx_;                // rendered in the same run as the PDF
  static std::vector<std::string>* fonts_;  // RenderResult::fonts
};
std::string RenderPdf::skip_;
fs::path* RenderPdf::dir_ = nullptr;
std::string* RenderPdf::pdf_ = nullptr;
std::string* RenderPdf::docx_ = nullptr;
std::vector<std::string>* RenderPdf::fonts_ = nullptr;

TEST_F(RenderPdf, EveryFontIsEmbeddedAndCjkFontsAreAmongThem) {
  const std::string fonts = Capture("pdffonts '" + *pdf_ + "'");
  // name  type  encoding  emb sub uni  object ID: the 'emb' column is the 4th from the end.
  int rows = 0, cjk = 0;
  size_t pos = fonts.find('\n', fonts.find("----"));
  while (pos != std::string::npos && pos + 1 < fonts.size()) {
    const size_t end = fonts.find('\n', pos + 1);
    const std::string line = fonts.substr(pos + 1, end - pos - 1);
    pos = end;
    if (line.empty()) continue;
    ++rows;
    std::array<std::string, 16> words;
    size_t count = 0;
    for (size_t i = 0; i < line.size() && count < words.size();) {
      while (i < line.size() && line[i] == ' ') ++i;
      size_t j = i;
      while (j < line.size() && line[j] != ' ') ++j;
      if (j > i) words[count++] = line.substr(i, j - i);
      i = j;
    }
    ASSERT_GE(count, 7u) << line;
    EXPECT_EQ(words[count - 5], "yes") << "not embedded: " << line;
    if (line.find("CJK") != std::string::npos) ++cjk;
  }
  EXPECT_GT(rows, 0) << fonts;
  EXPECT_GT(cjk, 0) << "no CJK font in the PDF:\n" << fonts;
}

// The DOCX rendered beside the PDF names the form's fonts (the reader's Word has 仿宋_GB2312),
// not the installed ones the PDF is drawn with; the summary's font line says both.
TEST_F(RenderPdf, TheDocxBesideItNamesTheFormsFontsNotThoseDrawnWith) {
  const std::string bytes = ReadRegularFile(*docx_, size_t{1} << 30).value();
  Result<std::unique_ptr<ZipArchive>> zip = ZipArchive::Open(bytes, *docx_);
  ASSERT_TRUE(zip.ok()) << zip.status().message();
  Result<std::string> xml = (*zip)->Read("word/document.xml");
  ASSERT_TRUE(xml.ok()) << xml.status().message();
  EXPECT_NE(xml->find("w:eastAsia=\"仿宋_GB2312\""), std::string::npos);
  EXPECT_NE(xml->find("w:eastAsia=\"方正小标宋简体\""), std::string::npos);
  EXPECT_EQ(xml->find("Noto"), std::string::npos);

  const std::string pdffonts = Capture("pdffonts '" + *pdf_ + "'");
  ASSERT_EQ(fonts_->size(), 6u);
  const std::string& body = (*fonts_)[3];
  EXPECT_NE(body.find("仿宋_GB2312"), std::string::npos) << body;
  if (!CheckGlyphs("仿宋_GB2312", "").installed) {
    // Drawn with another font, which the PDF embeds and the line names.
    EXPECT_EQ(pdffonts.find("GB2312"), std::string::npos) << pdffonts;
    EXPECT_TRUE(body.find("本机绘制用 ") != std::string::npos ||
                body.find("drawn here with ") != std::string::npos)
        << body;
  }
}

TEST_F(RenderPdf, TextHasTheComputedFigures) {
  std::string text = Capture("pdftotext -layout '" + *pdf_ + "' -");
  for (const char* expected : {"永州市零陵区科学技术协会", "基础数据表", "自评表", "87.5%", "98.25",
                               "9.8", "99.8", "优", "124.88", "127.10", "153.53"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << "missing from the PDF text: " << expected;
  }
}

TEST_F(RenderPdf, CarriesTitleAuthorAndLanguage) {
  const std::string info = Capture("pdfinfo '" + *pdf_ + "'");
  EXPECT_NE(info.find("Author:          永州市零陵区科学技术协会"), std::string::npos) << info;
  EXPECT_NE(info.find("Title:           2024年度"), std::string::npos) << info;
  EXPECT_NE(info.find("Creator:         jixiao"), std::string::npos) << info;
  const std::string bytes = ReadRegularFile(*pdf_, size_t{1} << 30).value();
  EXPECT_NE(bytes.find("/Lang (zh-CN)"), std::string::npos);
  // The cross-reference table still points at every object after the language was added:
  // poppler reads the catalog without rebuilding the table.
  EXPECT_EQ(Capture("pdfinfo '" + *pdf_ + "' 2>&1 | grep -ci 'error'"), "0\n");
}

// The parts read in the form's order (零陵: 附件1, 自评表, the cover, the report); the cover's
// page carries no number and the report's pages are numbered from 1 again.
TEST_F(RenderPdf, TextReadsInOrderWithPageNumbers) {
  const std::string text = Capture("pdftotext '" + *pdf_ + "' -");
  size_t at = 0;
  for (const char* heading :
       {"附件1", "自评表", "2024年度零陵区科协整体支出\n", "绩效自评报告", "一、基本情况", "二、", "三、"}) {
    const size_t found = text.find(heading, at);
    ASSERT_NE(found, std::string::npos) << heading << " missing or out of order";
    at = found;
  }
  const auto page = [&](int n) {
    return Capture(fmt::format("pdftotext -f {0} -l {0} '{1}' - | tr -d ' '", n, *pdf_));
  };
  // "— 1 —": pdftotext drops the narrow spaces.
  EXPECT_NE(page(1).find("\n—1—\n"), std::string::npos) << page(1);
  int cover = 0;
  for (int n = 2; n < 10 && cover == 0; ++n) {
    if (page(n).find("单位名称：") != std::string::npos) cover = n;
  }
  ASSERT_GT(cover, 2) << "no cover after the tables";
  EXPECT_EQ(page(cover).find("—"), std::string::npos) << "the cover is not numbered";
  EXPECT_NE(page(cover + 1).find("\n—1—\n"), std::string::npos) << page(cover + 1);
  EXPECT_NE(page(cover + 1).find("一、基本情况"), std::string::npos);
}

// The same document through LibreOffice, the renderer a clerk's office suite would be: about as
// many pages, and the same figures in its text.
TEST_F(RenderPdf, LibreOfficeGivesAboutTheSamePages) {
  if (FindSoffice().empty()) GTEST_SKIP() << "LibreOffice (soffice) is absent";
  const Package package = testing::LoadExample();
  const Rulebook rulebook = testing::LoadRulebook("hunan-lingling");
  Result<Form> form = DefaultFormFor(package);
  ASSERT_TRUE(form.ok());
  RenderRequest request{{"pdf"}, (*dir_ / "office").string(), "example", PdfEngine::kLibreOffice};
  Result<RenderResult> r = RenderPackage(package, rulebook, *form, request);
  ASSERT_TRUE(r.ok()) << r.status().message();
  const std::string office = r->files[0].path;
  const int ours = std::atoi(Capture("pdfinfo '" + *pdf_ + "' | sed -n 's/^Pages: *//p'").c_str());
  const int theirs =
      std::atoi(Capture("pdfinfo '" + office + "' | sed -n 's/^Pages: *//p'").c_str());
  EXPECT_GE(theirs, 4);
  EXPECT_LE(std::abs(ours - theirs), 1) << "ours " << ours << ", LibreOffice " << theirs;
  const std::string text = Capture("pdftotext -layout '" + office + "' -");
  for (const char* expected : {"87.5%", "98.25", "99.8", "124.88", "153.53"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected;
  }
}

TEST_F(RenderPdf, PagesRender) {
  const std::string pages = Capture("pdfinfo '" + *pdf_ + "' | sed -n 's/^Pages: *//p'");
  ASSERT_GE(std::atoi(pages.c_str()), 4) << "cover, report and the two tables need 4+ pages";
  const std::string prefix = (*dir_ / "page").string();
  ASSERT_EQ(std::system(("pdftoppm -r 40 -png -f 1 -l 2 '" + *pdf_ + "' '" + prefix + "'").c_str()),
            0);
  int rendered = 0;
  for (const auto& entry : fs::directory_iterator(*dir_)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("page", 0) == 0 && entry.path().extension() == ".png") {
      EXPECT_GT(fs::file_size(entry.path()), 1000u) << name;
      ++rendered;
    }
  }
  EXPECT_EQ(rendered, 2);
}

TEST_F(RenderPdf, MissingGlyphStopsThePdfWithTheCharacters) {
  Package package = testing::LoadExample();
  package.report.cover.unit += "\uE000";  // a private-use character no font has
  package.unit.name += "\uE000";
  const Rulebook rulebook = testing::LoadRulebook("hunan-lingling");
  Result<Form> form = DefaultFormFor(package);
  ASSERT_TRUE(form.ok());
  const std::string out = (*dir_ / "glyphs").string();
  Result<RenderResult> r = RenderPackage(package, rulebook, *form, {{"pdf"}, out, "x"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(r.status().message().find("U+E000"), std::string::npos) << r.status().message();
  EXPECT_FALSE(fs::exists(out + "/x.pdf"));
  // Without a PDF the documents are still written, and the user is told.
  Result<RenderResult> html = RenderPackage(package, rulebook, *form, {{"html"}, out, "x"});
  ASSERT_TRUE(html.ok()) << html.status().message();
  ASSERT_FALSE(html->notes.empty());
  EXPECT_NE(html->notes[0].find("U+E000"), std::string::npos);
}

// Every bundled form through the native writer: fonts embedded, the figures and every column
// heading of the 自评表 in the text, and as many pages as LibreOffice makes of our DOCX, give or
// take one (where LibreOffice is installed).
class RenderPdfForms : public ::testing::TestWithParam<const char*> {};

TEST_P(RenderPdfForms, NativeBesideLibreOffice) {
  if (!Have("pdffonts") || !Have("pdftotext") || !Have("pdfinfo")) {
    GTEST_SKIP() << "poppler-utils (pdffonts, pdftotext, pdfinfo) is absent";
  }
  const Package package = testing::LoadExample();
  const Rulebook rulebook = testing::LoadRulebook("hunan-lingling");
  Result<Form> form = BundledForm(GetParam());
  ASSERT_TRUE(form.ok()) << form.status().message();
  const fs::path dir =
      fs::temp_directory_path() / fmt::format("jixiao-pdf-{}-{}", GetParam(), getpid());
  Result<RenderResult> native =
      RenderPackage(package, rulebook, *form, {{"pdf"}, dir.string(), "native"});
  ASSERT_TRUE(native.ok()) << native.status().message();
  const std::string pdf = native->files[0].path;
  const std::string fonts = Capture("pdffonts '" + pdf + "' | tail -n +3");
  EXPECT_NE(fonts.find("CID"), std::string::npos) << fonts;
  EXPECT_EQ(Capture("pdffonts '" + pdf + "' | tail -n +3 | awk '$(NF-4) != \"yes\"' | wc -l"),
            "0\n")
      << fonts;
  // The text without line breaks, so that a heading broken to fit its column reads whole.
  const std::string text = Capture("pdftotext '" + pdf + "' - | tr -d '\\n '");
  for (const char* expected : {"永州市零陵区科学技术协会", "124.88", "153.53", "98.25", "99.8"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << GetParam() << " lacks " << expected;
  }
  for (const FormColumn& c : form->evaluation.leaf_columns) {
    EXPECT_NE(text.find(c.header), std::string::npos) << GetParam() << " lacks " << c.header;
  }
  // No page holds nothing but its number (a page break before a landscape table once left one).
  const int page_count =
      std::atoi(Capture("pdfinfo '" + pdf + "' | sed -n 's/^Pages: *//p'").c_str());
  for (int n = 1; n <= page_count; ++n) {
    const std::string page = Capture(
        fmt::format("pdftotext -f {0} -l {0} '{1}' - | tr -d ' \\n\\f' | sed 's/—[0-9]*—//'", n,
                    pdf));
    EXPECT_FALSE(page.empty()) << GetParam() << ": page " << n << " is blank";
  }
  if (!FindSoffice().empty()) {
    RenderRequest office{{"pdf"}, dir.string(), "office", PdfEngine::kLibreOffice};
    Result<RenderResult> theirs = RenderPackage(package, rulebook, *form, office);
    ASSERT_TRUE(theirs.ok()) << theirs.status().message();
    const auto pages = [&](const std::string& path) {
      return std::atoi(Capture("pdfinfo '" + path + "' | sed -n 's/^Pages: *//p'").c_str());
    };
    const int ours = pages(pdf), office_pages = pages(theirs->files[0].path);
    EXPECT_LE(std::abs(ours - office_pages), 1)
        << GetParam() << ": ours " << ours << ", LibreOffice " << office_pages;
  }
  std::error_code ec;
  fs::remove_all(dir, ec);
}

INSTANTIATE_TEST_SUITE_P(Forms, RenderPdfForms,
                         ::testing::Values("lingling-2024", "national-2024", "national-101-2021",
                                           "anhui-2022", "guizhou-2021", "chongqing-2021"),
                         [](const ::testing::TestParamInfo<const char*>& info) {
                           std::string name;
                           for (const char* p = info.param; *p != 0; ++p) {
                             if (std::isalnum(static_cast<unsigned char>(*p))) name += *p;
                           }
                           return name;
                         });

TEST(RenderFormats, PdfEngines) {
  EXPECT_EQ(*ParsePdfEngine("native"), PdfEngine::kNative);
  EXPECT_EQ(*ParsePdfEngine("libreoffice"), PdfEngine::kLibreOffice);
  EXPECT_EQ(ParsePdfEngine("word").status().message(),
            "unknown PDF engine \"word\" (expected native or libreoffice)");
}

TEST(RenderFormats, ParsesAndRejects) {
  Result<std::vector<std::string>> ok = ParseRenderFormats("docx,html");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, (std::vector<std::string>{"docx", "html"}));
  EXPECT_EQ(ParseRenderFormats("docx,odt").status().message(),
            "unknown format \"odt\" (expected docx, xlsx, pdf, html or json, separated by commas)");
  EXPECT_EQ(ParseRenderFormats("pdf,pdf").status().message(), "format \"pdf\" is given twice");
  EXPECT_FALSE(ParseRenderFormats("").ok());
}

TEST(RenderPdfConversion, MissingLibreOfficeIsNotFound) {
  PdfOptions options;
  options.soffice = "/nonexistent/soffice";
  const Status s = ConvertDocxToPdf("not a docx", "/tmp/never.pdf", options);
  EXPECT_EQ(s.code(), Status::Code::kNotFound);
  EXPECT_EQ(s.message(), "LibreOffice is not at /nonexistent/soffice");
}

}  // namespace
}  // namespace jixiao
