// Tests of evidence sniffing on real bytes: files zipped here by libzip (tests/zip_testing.h:
// DOCX, XLSX, PPTX, OFD, plain zips) and a minimal OLE2 compound file laid out by hand ([MS-CFB]).
#include "server/sniff.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "tests/zip_testing.h"

namespace jixiao::server {
namespace {

const char kContentTypes[] =
    R"(<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>)";

std::string Docx() {
  return testing::Zip({{"[Content_Types].xml", kContentTypes},
                       {"_rels/.rels", "<Relationships/>"},
                       {"word/document.xml", "<w:document/>"}});
}

// A compound file of version 3 (512-byte sectors): the header, one FAT sector (sector 0) and
// one directory sector (sector 1) holding the root and up to three entries, chained as right
// siblings under the root. `cycle` links the last entry back to the first.
std::string Ole2(const std::vector<std::pair<std::string, uint8_t>>& children, bool cycle = false) {
  std::string file(512 * 3, '\0');
  auto put16 = [&](size_t at, uint16_t v) {
    file[at] = static_cast<char>(v & 0xFF);
    file[at + 1] = static_cast<char>(v >> 8);
  };
  auto put32 = [&](size_t at, uint32_t v) {
    for (int i = 0; i < 4; ++i) file[at + i] = static_cast<char>((v >> (8 * i)) & 0xFF);
  };
  file.replace(0, 8, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");
  put16(0x18, 0x3E);
  put16(0x1A, 3);
  put16(0x1C, 0xFFFE);
  put16(0x1E, 9);
  put16(0x20, 6);
  put32(0x2C, 1);           // FAT sectors
  put32(0x30, 1);           // first directory sector
  put32(0x38, 4096);        // mini stream cutoff
  put32(0x3C, 0xFFFFFFFE);  // no mini FAT
  put32(0x44, 0xFFFFFFFE);  // no DIFAT sectors
  put32(0x4C, 0);           // the FAT is sector 0
  for (int i = 1; i < 109; ++i) put32(0x4C + 4 * i, 0xFFFFFFFF);
  const size_t fat = 512;
  for (int i = 0; i < 128; ++i) put32(fat + 4 * i, 0xFFFFFFFF);
  put32(fat + 0, 0xFFFFFFFD);  // sector 0: the FAT itself
  put32(fat + 4, 0xFFFFFFFE);  // sector 1: the directory, one sector long
  const size_t dir = 1024;
  auto entry = [&](int index, const std::string& name, uint8_t type, uint32_t right,
                   uint32_t child) {
    const size_t at = dir + 128 * index;
    for (size_t i = 0; i < name.size(); ++i) put16(at + 2 * i, static_cast<uint8_t>(name[i]));
    put16(at + 0x40, static_cast<uint16_t>(2 * (name.size() + 1)));
    file[at + 0x42] = static_cast<char>(type);
    put32(at + 0x44, 0xFFFFFFFF);
    put32(at + 0x48, right);
    put32(at + 0x4C, child);
    put32(at + 0x74, 0xFFFFFFFE);  // starting sector: none
  };
  entry(0, "Root Entry", 5, 0xFFFFFFFF, children.empty() ? 0xFFFFFFFF : 1);
  for (size_t i = 0; i < children.size(); ++i) {
    const bool last = i + 1 == children.size();
    const uint32_t right = last ? (cycle ? 1 : 0xFFFFFFFF) : static_cast<uint32_t>(i + 2);
    entry(static_cast<int>(i + 1), children[i].first, children[i].second, right, 0xFFFFFFFF);
  }
  for (size_t i = children.size() + 1; i < 4; ++i) {
    put32(dir + 128 * i + 0x44, 0xFFFFFFFF);
    put32(dir + 128 * i + 0x48, 0xFFFFFFFF);
    put32(dir + 128 * i + 0x4C, 0xFFFFFFFF);
  }
  return file;
}

constexpr uint8_t kStorage = 1;
constexpr uint8_t kStream = 2;

void ExpectSniffed(std::string_view bytes, std::string_view name, std::string_view mime,
                   std::string_view ext) {
  const Result<Sniffed> r = SniffEvidence(bytes, name);
  ASSERT_TRUE(r.ok()) << name << ": " << r.status().ToString();
  EXPECT_EQ(r->mime, mime) << name;
  EXPECT_EQ(r->ext, ext) << name;
}

std::string Refusal(std::string_view bytes, std::string_view name) {
  const Result<Sniffed> r = SniffEvidence(bytes, name);
  if (r.ok()) return "accepted as " + r->mime;
  EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument);
  return r.status().message();
}

std::string UnsupportedMessage(std::string_view name) {
  return std::string(name) +
         "：不支持的佐证材料类型（只接受 PDF、图片、Word、Excel、PowerPoint、OFD） / " +
         std::string(name) +
         ": unsupported type of evidence (only PDF, images, Word, Excel, PowerPoint and OFD are "
         "accepted)";
}

TEST(Sniff, ImagesAndPdfByMagic) {
  ExpectSniffed("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n", "a.pdf", "application/pdf", "pdf");
  ExpectSniffed(std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16), "a.png", "image/png", "png");
  ExpectSniffed("\xFF\xD8\xFF\xE0\0\x10JFIF", "a.jpeg", "image/jpeg", "jpg");
  ExpectSniffed("GIF89a\x01\0\x01\0", "a.gif", "image/gif", "gif");
  ExpectSniffed("GIF87a\x01\0\x01\0", "a.gif", "image/gif", "gif");
  ExpectSniffed(std::string("RIFF\x24\0\0\0WEBPVP8 ", 16), "a.webp", "image/webp", "webp");
}

TEST(Sniff, TheNameNeverDecides) {
  // A PDF named .jpg is a PDF; a page named .pdf is refused.
  ExpectSniffed("%PDF-1.4\n", "扫描件.jpg", "application/pdf", "pdf");
  EXPECT_EQ(Refusal("<!DOCTYPE html><html><script>alert(1)</script></html>", "x.pdf"),
            UnsupportedMessage("x.pdf"));
  EXPECT_EQ(Refusal("<html><body>hi</body></html>", "x.html"), UnsupportedMessage("x.html"));
  EXPECT_EQ(Refusal("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>", "a.png"),
            UnsupportedMessage("a.png"));
  EXPECT_EQ(Refusal("#!/bin/sh\nrm -rf /\n", "a.docx"), UnsupportedMessage("a.docx"));
  EXPECT_EQ(Refusal(std::string("MZ\x90\0\x03\0\0\0", 8), "setup.xlsx"),
            UnsupportedMessage("setup.xlsx"));
  EXPECT_EQ(Refusal(std::string("\x7f"
                                "ELF\x02\x01\x01",
                                7),
                    "a.pdf"),
            UnsupportedMessage("a.pdf"));
  // The magic must be at the very start.
  EXPECT_EQ(Refusal(" %PDF-1.7", "a.pdf"), UnsupportedMessage("a.pdf"));
  EXPECT_EQ(Refusal(std::string("RIFF\x24\0\0\0WAVEfmt ", 16), "a.webp"),
            UnsupportedMessage("a.webp"));
}

TEST(Sniff, EmptyFile) {
  EXPECT_EQ(Refusal("", "空.pdf"), "空.pdf：文件为空 / 空.pdf: the file is empty");
  EXPECT_EQ(Refusal("", ""), "未命名文件：文件为空 / unnamed file: the file is empty");
}

TEST(Sniff, NameIsCleanedForTheMessage) {
  // Control characters and a right-to-left override (which would show "x.fdp" as "x.pdf")
  // are dropped; broken UTF-8 becomes U+FFFD; a long name is shortened.
  EXPECT_EQ(Refusal("<html>", "a\nb\x1b[31m.pdf"), UnsupportedMessage("ab[31m.pdf"));
  EXPECT_EQ(Refusal("<html>", "x\u202Efdp.exe"), UnsupportedMessage("xfdp.exe"));
  EXPECT_EQ(Refusal("<html>", "bad\xFF.pdf"), UnsupportedMessage("bad\uFFFD.pdf"));
  const std::string message = Refusal("<html>", std::string(300, 'n') + ".pdf");
  EXPECT_EQ(message.rfind(std::string(100, 'n') + "…：", 0), 0u) << message;
}

TEST(Sniff, OfficeOpenXmlByItsMainPart) {
  ExpectSniffed(Docx(), "report.docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx");
  // The content decides even under a wrong name.
  ExpectSniffed(Docx(), "report.pdf",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx");
  ExpectSniffed(testing::Zip({{"[Content_Types].xml", kContentTypes},
                              {"xl/workbook.xml", "<workbook/>"},
                              {"xl/worksheets/sheet1.xml", "<worksheet/>"}}),
                "t.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "xlsx");
  ExpectSniffed(testing::Zip({{"[Content_Types].xml", kContentTypes},
                              {"ppt/presentation.xml", "<p:presentation/>"}}),
                "s.pptx",
                "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                "pptx");
}

TEST(Sniff, Ofd) {
  ExpectSniffed(
      testing::Zip({{"OFD.xml", "<ofd:OFD/>"}, {"Doc_0/Document.xml", "<ofd:Document/>"}}),
      "发票.ofd", "application/ofd", "ofd");
}

TEST(Sniff, PlainZipIsRefused) {
  const std::string zip = testing::Zip({{"word.txt", "not a document"}, {"readme.html", "<html>"}});
  EXPECT_EQ(Refusal(zip, "材料.docx"), UnsupportedMessage("材料.docx"));
  // Word's parts under another folder do not make a DOCX.
  const std::string moved = testing::Zip({{"x/word/document.xml", "<w:document/>"}});
  EXPECT_EQ(Refusal(moved, "a.docx"), UnsupportedMessage("a.docx"));
}

TEST(Sniff, MacroDocumentsAreRefused) {
  const std::string docm =
      testing::Zip({{"word/document.xml", "<w:document/>"}, {"word/vbaProject.bin", "VBA"}});
  EXPECT_EQ(Refusal(docm, "a.docx"),
            "a.docx：含有宏的文档不能作为佐证材料，请另存为不含宏的格式 / a.docx: documents "
            "with macros are not accepted as evidence; save it without macros");
  const std::string xlsm =
      testing::Zip({{"xl/workbook.xml", "<workbook/>"}, {"xl/vbaProject.bin", "VBA"}});
  EXPECT_NE(Refusal(xlsm, "a.xlsm").find("含有宏"), std::string::npos);
  EXPECT_NE(
      Refusal(Ole2({{"WordDocument", kStream}, {"Macros", kStorage}}), "a.doc").find("含有宏"),
      std::string::npos);
  EXPECT_NE(Refusal(Ole2({{"Workbook", kStream}, {"_VBA_PROJECT_CUR", kStorage}}), "a.xls")
                .find("含有宏"),
            std::string::npos);
}

TEST(Sniff, DamagedZipIsRefused) {
  const std::string damaged_message =
      "a.docx：文件已损坏，无法读取其中的目录 / a.docx: the file is damaged; its directory "
      "cannot be read";
  EXPECT_EQ(Refusal("PK\x03\x04garbage that is not a zip", "a.docx"), damaged_message);
  std::string docx = Docx();
  docx.resize(docx.size() - 30);  // the end of the central directory cut off
  EXPECT_EQ(Refusal(docx, "a.docx"), damaged_message);
}

TEST(Sniff, LegacyOfficeByTheStreamsAtTheRoot) {
  ExpectSniffed(Ole2({{"\x01"
                       "CompObj",
                       kStream},
                      {"WordDocument", kStream},
                      {"1Table", kStream}}),
                "old.doc", "application/msword", "doc");
  ExpectSniffed(Ole2({{"Workbook", kStream}}), "old.xls", "application/vnd.ms-excel", "xls");
  ExpectSniffed(Ole2({{"Book", kStream}}), "old95.xls", "application/vnd.ms-excel", "xls");
  ExpectSniffed(Ole2({{"PowerPoint Document", kStream}, {"Current User", kStream}}), "old.ppt",
                "application/vnd.ms-powerpoint", "ppt");
  // The stream decides, not the name.
  ExpectSniffed(Ole2({{"Workbook", kStream}}), "named.doc", "application/vnd.ms-excel", "xls");
}

TEST(Sniff, OtherCompoundFilesAreRefused) {
  // An installer (.msi) or an encrypted Office file is an OLE2 file too.
  EXPECT_EQ(Refusal(Ole2({{"\x05SummaryInformation", kStream}}), "setup.doc"),
            UnsupportedMessage("setup.doc"));
  EXPECT_EQ(Refusal(Ole2({{"EncryptionInfo", kStream}, {"EncryptedPackage", kStream}}), "x.xls"),
            UnsupportedMessage("x.xls"));
  EXPECT_EQ(Refusal(Ole2({}), "x.doc"), UnsupportedMessage("x.doc"));
}

TEST(Sniff, DamagedCompoundFilesAreRefused) {
  const std::string damaged =
      "x.doc：文件已损坏，无法读取其中的目录 / x.doc: the file is damaged; its directory cannot "
      "be read";
  const std::string good = Ole2({{"WordDocument", kStream}});
  EXPECT_EQ(Refusal(good.substr(0, 512), "x.doc"), damaged);  // the header only
  EXPECT_EQ(Refusal(good.substr(0, 100), "x.doc"), damaged);  // not even a header
  EXPECT_EQ(Refusal(Ole2({{"Workbook", kStream}, {"Macros", kStorage}}, /*cycle=*/true), "x.doc"),
            damaged);  // siblings linked into a cycle
  std::string bad_shift = good;
  bad_shift[0x1E] = 30;
  EXPECT_EQ(Refusal(bad_shift, "x.doc"), damaged);
  std::string bad_dir = good;
  bad_dir[0x30] = 7;  // the directory in a sector beyond the end
  EXPECT_EQ(Refusal(bad_dir, "x.doc"), damaged);
  std::string looping_chain = good;
  looping_chain[512 + 4] = 1;  // the directory's chain points to itself
  looping_chain[512 + 5] = looping_chain[512 + 6] = looping_chain[512 + 7] = 0;
  EXPECT_EQ(Refusal(looping_chain, "x.doc"), damaged);
}

}  // namespace
}  // namespace jixiao::server
