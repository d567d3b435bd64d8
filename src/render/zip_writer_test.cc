// The zip writer: archives that libzip (our reader) and Python's zipfile read back member by
// member, stored or deflated, with the same bytes for the same members.
#include "render/zip_writer.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "import/zip_archive.h"

namespace jixiao {
namespace {

std::string Xml(size_t repeats) {
  std::string s = "<?xml version=\"1.0\"?><w:document>";
  for (size_t i = 0; i < repeats; ++i)
    s += "<w:p><w:r><w:t>第" + std::to_string(i) + "段</w:t></w:r></w:p>";
  return s + "</w:document>";
}

Result<std::string> Archive() {
  ZipWriter zip("the test archive");
  if (Status s = zip.Add("[Content_Types].xml", "<Types/>", true); !s.ok()) return s;
  if (Status s = zip.Add("word/document.xml", Xml(2000), true); !s.ok()) return s;
  if (Status s = zip.Add("word/media/图1.png", std::string("\x89PNG\r\n\x1a\n\0\x01", 10), false);
      !s.ok()) {
    return s;
  }
  if (Status s = zip.Add("empty.xml", "", true); !s.ok()) return s;
  return zip.Finish();
}

TEST(ZipWriter, OurReaderReadsEveryMemberBack) {
  Result<std::string> bytes = Archive();
  ASSERT_TRUE(bytes.ok()) << bytes.status().message();
  EXPECT_LT(bytes->size(), Xml(2000).size() / 4);  // the XML is deflated
  Result<std::unique_ptr<ZipArchive>> zip = ZipArchive::Open(*bytes, "test.zip");
  ASSERT_TRUE(zip.ok()) << zip.status().message();
  EXPECT_EQ(*(*zip)->Read("[Content_Types].xml"), "<Types/>");
  EXPECT_EQ(*(*zip)->Read("word/document.xml"), Xml(2000));
  EXPECT_EQ(*(*zip)->Read("word/media/图1.png"), std::string("\x89PNG\r\n\x1a\n\0\x01", 10));
  EXPECT_EQ(*(*zip)->Read("empty.xml"), "");
}

TEST(ZipWriter, SameMembersSameBytes) {
  Result<std::string> a = Archive(), b = Archive();
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(*a, *b);
  // The end record counts four members and points at the central directory.
  const std::string& z = *a;
  ASSERT_GE(z.size(), 22u);
  const size_t end = z.size() - 22;
  EXPECT_EQ(z.compare(end, 4, "PK\x05\x06"), 0);
  EXPECT_EQ(static_cast<unsigned char>(z[end + 10]), 4u);
}

TEST(ZipWriter, PythonsZipfileAgrees) {
  if (std::system("/usr/bin/python3 -c 'import zipfile' >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "/usr/bin/python3 is absent";
  }
  Result<std::string> bytes = Archive();
  ASSERT_TRUE(bytes.ok());
  const std::filesystem::path path = std::filesystem::temp_directory_path() /
                                     ("jixiao-zip-" + std::to_string(::getpid()) + ".zip");
  std::ofstream(path, std::ios::binary) << *bytes;
  const std::string cmd =
      "/usr/bin/python3 -c \"import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); "
      "assert z.testzip() is None; "
      "print(' '.join('%s:%d:%d' % (i.filename, i.compress_type, i.file_size) for i in "
      "z.infolist()))\" '" +
      path.string() + "'";
  FILE* pipe = ::popen(cmd.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string out;
  char buffer[1024];
  for (size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
  const int status = ::pclose(pipe);
  std::filesystem::remove(path);
  ASSERT_EQ(status, 0) << out;
  // Deflated (8) XML, stored (0) picture and empty member, names in UTF-8.
  EXPECT_EQ(out, "[Content_Types].xml:0:8 word/document.xml:8:" + std::to_string(Xml(2000).size()) +
                     " word/media/图1.png:0:10 empty.xml:0:0\n");
}

TEST(ZipWriter, RefusesMoreMembersThanAZipHolds) {
  ZipWriter zip("the test archive");
  for (int i = 0; i < 65535; ++i) ASSERT_TRUE(zip.Add("m", "", false).ok());
  const Status s = zip.Add("m", "", false);
  EXPECT_EQ(s.code(), Status::Code::kIOError);
  EXPECT_EQ(s.message(), "cannot write the test archive: more than 65,535 members");
}

}  // namespace
}  // namespace jixiao
