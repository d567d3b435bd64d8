// A report whose headings are numbered by the word processor, not typed: the test writes an
// OpenDocument text whose 一、 and （一） headings come from a list style, LibreOffice saves it
// as DOCX (numbering.xml with LibreOffice's own choice of format and suffix, a list continued
// across a body paragraph), and jixiao must read the labels and split the report into its
// sections and subsections. Skips (with the reason) where LibreOffice is absent.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "import/docx_reader.h"
#include "import/importer.h"

namespace jixiao {
namespace {

namespace fs = std::filesystem;

// Our own example report: a title, two numbered sections, numbered subsections, and body
// paragraphs between them that are not numbered.
constexpr char kReport[] = R"(<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
  xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
  xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3"
  office:mimetype="application/vnd.oasis.opendocument.text">
<office:automatic-styles>
<text:list-style style:name="Headings">
<text:list-level-style-number text:level="1" style:num-suffix="、" style:num-format="一, 二, 三, ..."/>
<text:list-level-style-number text:level="2" style:num-prefix="（" style:num-suffix="）" style:num-format="一, 二, 三, ..."/>
</text:list-style>
</office:automatic-styles>
<office:body><office:text>
<text:p>示例区科技服务中心2024年度部门整体支出绩效自评报告</text:p>
<text:list text:style-name="Headings">
<text:list-item><text:p>部门基本情况</text:p>
<text:list><text:list-item><text:p>主要职能</text:p></text:list-item></text:list>
</text:list-item>
</text:list>
<text:p>中心承担全区科技咨询和培训服务。</text:p>
<text:list text:style-name="Headings" text:continue-numbering="true">
<text:list-item><text:list><text:list-item><text:p>人员情况</text:p></text:list-item></text:list></text:list-item>
</text:list>
<text:p>年末编制12人，实有10人。</text:p>
<text:list text:style-name="Headings" text:continue-numbering="true">
<text:list-item><text:p>一般公共预算支出情况</text:p></text:list-item>
</text:list>
<text:p>2024年支出合计88.60万元，比上年增加3.20万元。</text:p>
</office:text></office:body></office:document>
)";

TEST(DocxNumberingOffice, HeadingsNumberedByLibreOfficeSplitTheReport) {
  if (std::system("command -v soffice >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "LibreOffice (soffice) is absent; scripts/install-deps.sh installs it";
  }
  const fs::path dir =
      fs::temp_directory_path() / ("jixiao-numbering-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "report.fodt") << kReport;
  const std::string d = dir.string();
  ASSERT_EQ(std::system(("cd '" + d + "' && soffice -env:UserInstallation=file://" + d +
                         "/profile --headless --convert-to 'docx:MS Word 2007 XML' --outdir '" + d +
                         "' report.fodt >/dev/null 2>&1")
                            .c_str()),
            0);
  const std::string docx = d + "/report.docx";

  std::ifstream in(docx, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  Result<FlatDocument> flat = ReadDocx(bytes, "report.docx");
  ASSERT_TRUE(flat.ok()) << flat.status().message();
  std::vector<std::string> paragraphs;
  for (const FlatBlock& b : flat->blocks) {
    if (b.kind == FlatBlock::Kind::kParagraph) paragraphs.push_back(b.paragraph.text);
  }
  // LibreOffice writes the labels with no suffix after them.
  const std::vector<std::string> expected = {"示例区科技服务中心2024年度部门整体支出绩效自评报告",
                                             "一、部门基本情况",
                                             "（一）主要职能",
                                             "中心承担全区科技咨询和培训服务。",
                                             "（二）人员情况",
                                             "年末编制12人，实有10人。",
                                             "二、一般公共预算支出情况",
                                             "2024年支出合计88.60万元，比上年增加3.20万元。"};
  EXPECT_EQ(paragraphs, expected);

  Result<LoadedPackage> loaded = LoadAnyPackage(docx);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  const Report& report = loaded->package.report;
  ASSERT_EQ(report.sections.size(), 2u);
  EXPECT_EQ(report.sections[0].number, "一");
  EXPECT_EQ(report.sections[0].title, "部门基本情况");
  ASSERT_EQ(report.sections[0].subsections.size(), 2u);
  EXPECT_EQ(report.sections[0].subsections[0].number, "（一）");
  EXPECT_EQ(report.sections[0].subsections[0].text, "中心承担全区科技咨询和培训服务。");
  EXPECT_EQ(report.sections[0].subsections[1].title, "人员情况");
  EXPECT_EQ(report.sections[1].number, "二");
  EXPECT_EQ(report.sections[1].text, "2024年支出合计88.60万元，比上年增加3.20万元。");
  fs::remove_all(dir);
}

}  // namespace
}  // namespace jixiao
