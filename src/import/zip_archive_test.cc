// The zip container reader against archives written by Python's zipfile (an independent
// writer): ZIP64 records, data descriptors, stored and deflated members, names in UTF-8; and
// refusals that name what is wrong — other compression methods, encryption, a member whose size
// or CRC does not match, data outside the file.
#include "import/zip_archive.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "render/zip_writer.h"

namespace jixiao {
namespace {

namespace fs = std::filesystem;

bool HavePython() {
  return std::system("/usr/bin/python3 -c 'import zipfile' >/dev/null 2>&1") == 0;
}

// Runs a Python snippet that writes an archive to sys.argv[1]; returns its bytes.
std::string PythonZip(const std::string& code) {
  const fs::path dir = fs::temp_directory_path() / ("jixiao-zipread-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path script = dir / "make.py", out = dir / "out.zip";
  std::ofstream(script) << "import io, sys, zipfile\n" << code << "\n";
  const std::string cmd = "/usr/bin/python3 '" + script.string() + "' '" + out.string() + "'";
  EXPECT_EQ(std::system(cmd.c_str()), 0) << code;
  std::ifstream in(out, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  fs::remove_all(dir);
  return s.str();
}

std::string Text(size_t n) {
  std::string s;
  for (size_t i = 0; i < n; ++i) s += "<w:t>第" + std::to_string(i) + "行</w:t>";
  return s;
}

TEST(ZipArchiveRead, Zip64RecordsAndDataDescriptors) {
  if (!HavePython()) GTEST_SKIP() << "/usr/bin/python3 is absent";
  // force_zip64 gives every member ZIP64 sizes; writing to a stream that cannot seek gives
  // data descriptors after the data, sizes zero in the local headers.
  const std::string bytes = PythonZip(R"(
class Once(io.RawIOBase):
    def __init__(self, f): self.f = f
    def writable(self): return True
    def write(self, b): return self.f.write(b)
with open(sys.argv[1], 'wb') as f:
    with zipfile.ZipFile(Once(f), 'w', zipfile.ZIP_DEFLATED) as z:
        with z.open('word/document.xml', 'w', force_zip64=True) as m:
            m.write(''.join('<w:t>第%d行</w:t>' % i for i in range(3000)).encode())
        z.writestr(zipfile.ZipInfo('图表/说明.txt'), '说明'.encode())
        z.writestr('empty', b'')
)");
  Result<std::unique_ptr<ZipArchive>> zip = ZipArchive::Open(bytes, "py.zip");
  ASSERT_TRUE(zip.ok()) << zip.status().message();
  EXPECT_EQ((*zip)->Members(),
            (std::vector<std::string>{"word/document.xml", "图表/说明.txt", "empty"}));
  Result<std::string> doc = (*zip)->Read("word/document.xml");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(*doc, Text(3000));
  EXPECT_EQ(*(*zip)->Read("图表/说明.txt"), "说明");
  EXPECT_EQ(*(*zip)->Read("empty"), "");
  EXPECT_EQ((*zip)->Read("none").status().message(), "py.zip: no member none");
}

TEST(ZipArchiveRead, OtherMethodsAndEncryptionAreNamed) {
  if (!HavePython()) GTEST_SKIP() << "/usr/bin/python3 is absent";
  const std::string bzip = PythonZip(R"(
with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_BZIP2) as z:
    z.writestr('a.xml', '<a/>' * 100)
)");
  Result<std::unique_ptr<ZipArchive>> zip = ZipArchive::Open(bzip, "bz.zip");
  ASSERT_TRUE(zip.ok()) << zip.status().message();
  EXPECT_EQ((*zip)->Read("a.xml").status().message(),
            "bz.zip: a.xml: damaged member: compression method 12 is not supported (Office files "
            "use deflate)");
  // The encryption bit set on a stored member (in both headers).
  std::string locked = PythonZip(R"(
with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_STORED) as z:
    z.writestr('a.xml', '<a/>')
)");
  locked[6] |= 1;
  const size_t central = locked.find("PK\x01\x02");
  ASSERT_NE(central, std::string::npos);
  locked[central + 8] |= 1;
  zip = ZipArchive::Open(locked, "enc.zip");
  ASSERT_TRUE(zip.ok()) << zip.status().message();
  EXPECT_EQ((*zip)->Read("a.xml").status().message(), "enc.zip: a.xml: damaged member: encrypted");
}

// Our writer's archive, then damaged in the central directory.
std::string Ours() {
  ZipWriter w("t");
  EXPECT_TRUE(w.Add("a.xml", Text(500), true).ok());
  EXPECT_TRUE(w.Add("b.bin", "0123456789", false).ok());
  return *w.Finish();
}

TEST(ZipArchiveRead, SizesAndPlacesThatDoNotHoldAreRefused) {
  const std::string good = Ours();
  const size_t central = good.find("PK\x01\x02");
  ASSERT_NE(central, std::string::npos);
  // The first member declared one byte smaller than it inflates to.
  std::string small = good;
  small[central + 24] = static_cast<char>(small[central + 24] - 1);
  Result<std::unique_ptr<ZipArchive>> zip = ZipArchive::Open(small, "s.zip");
  ASSERT_TRUE(zip.ok());
  EXPECT_EQ((*zip)->Read("a.xml").status().message(),
            "s.zip: a.xml: the member's size does not match its header (" +
                std::to_string(Text(500).size() - 1) + " declared)");
  // Declared larger: the stream ends first.
  std::string large = good;
  large[central + 24] = static_cast<char>(large[central + 24] + 1);
  zip = ZipArchive::Open(large, "l.zip");
  ASSERT_TRUE(zip.ok());
  EXPECT_EQ((*zip)->Read("a.xml").status().message(),
            "l.zip: a.xml: the member's size does not match its header (" +
                std::to_string(Text(500).size() + 1) + " declared)");
  // The local header somewhere else.
  std::string moved = good;
  moved[central + 42] = 7;
  zip = ZipArchive::Open(moved, "m.zip");
  ASSERT_TRUE(zip.ok());
  EXPECT_EQ((*zip)->Read("a.xml").status().message(),
            "m.zip: a.xml: damaged member: its local header is not where the directory says");
  // The data running past the end.
  std::string past = good;
  past[central + 20 + 3] = 0x7F;  // compressed size beyond 2 GiB
  zip = ZipArchive::Open(past, "p.zip");
  ASSERT_TRUE(zip.ok());
  EXPECT_EQ((*zip)->Read("a.xml").status().message(),
            "p.zip: a.xml: damaged member: its data runs past the end of the file");
  // Damaged deflate data.
  std::string bad = good;
  for (size_t i = 30 + 5; i < 30 + 5 + 40; ++i) bad[i] = static_cast<char>(0xFF);
  zip = ZipArchive::Open(bad, "d.zip");
  ASSERT_TRUE(zip.ok());
  EXPECT_EQ((*zip)->Read("a.xml").status().message(),
            "d.zip: a.xml: damaged member: invalid compressed data");
  // The directory said to lie beyond the file.
  std::string far = good;
  far[far.size() - 22 + 16 + 3] = 0x40;
  EXPECT_EQ(ZipArchive::Open(far, "f.zip").status().message(),
            "f.zip: damaged zip archive: the central directory lies outside the file");
  // A directory entry without its signature: the message names the file (fuzz_docx found it
  // named none).
  std::string entry = good;
  const size_t second = entry.find("PK\x01\x02", central + 4);
  ASSERT_NE(second, std::string::npos);
  entry[second + 3] = 0x7F;
  EXPECT_EQ(ZipArchive::Open(entry, "e.zip").status().message(),
            "e.zip: damaged zip archive: directory entry 2 is damaged");
}

TEST(ZipArchiveRead, TooManyMembers) {
  ZipWriter w("t");
  for (int i = 0; i < 12; ++i) ASSERT_TRUE(w.Add("m" + std::to_string(i), "", false).ok());
  const std::string bytes = *w.Finish();
  ZipLimits limits;
  limits.max_members = 10;
  EXPECT_EQ(ZipArchive::Open(bytes, "many.zip", limits).status().message(),
            "many.zip: the archive has 12 members, more than the 10 allowed");
}

}  // namespace
}  // namespace jixiao
