// The two links of the command line (src/cli/main.cc): `jixiao` loads none of the libraries of
// drawing and serving (nor fontconfig until it chooses fonts; zip archives are read and written
// with zlib alone), renders Word and JSON itself, and hands review, serve and the renders that draw
// to the `jixiao-full` beside it — the same answers, the same exit codes — or says plainly that it
// is missing.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "tests/cli_run.h"

namespace jixiao::testing {
namespace {

namespace fs = std::filesystem;

// The shared libraries a binary names (its DT_NEEDED entries), read by binutils' readelf.
std::string NeededLibraries(const fs::path& binary) {
  const std::string cmd = "readelf -d '" + binary.string() + "' 2>/dev/null";
  FILE* pipe = ::popen(cmd.c_str(), "r");
  if (pipe == nullptr) return "";
  std::string out;
  char buffer[4096];
  for (size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
  ::pclose(pipe);
  std::string needed;
  for (size_t at = out.find("(NEEDED)"); at != std::string::npos;
       at = out.find("(NEEDED)", at + 1)) {
    const size_t open = out.find('[', at), close = out.find(']', open);
    if (open != std::string::npos && close != std::string::npos) {
      needed += out.substr(open + 1, close - open - 1) + "\n";
    }
  }
  return needed;
}

TEST(CliBinaries, TheLightBinaryLoadsNoRendererAndNoServerLibrary) {
  const fs::path light = JIXIAO_BINARY;
  const fs::path full = light.parent_path() / "jixiao-full";
  const std::string light_needs = NeededLibraries(light);
  const std::string full_needs = NeededLibraries(full);
  if (full_needs.empty()) GTEST_SKIP() << "readelf (binutils) is not installed";
  // The full binary does name them, so the list read here is the real one.
  for (const char* lib : {"libcairo", "libpango", "libsqlite3", "libpq", "libxlsxwriter"}) {
    EXPECT_NE(full_needs.find(lib), std::string::npos) << lib << " in\n" << full_needs;
    EXPECT_EQ(light_needs.find(lib), std::string::npos) << lib << " in\n" << light_needs;
  }
  for (const char* lib : {"libglib", "libX11", "libcpp-httplib", "libargon2", "libsodium",
                          "libfontconfig", "libharfbuzz", "libcrypto", "libbz2", "libjemalloc"}) {
    EXPECT_EQ(light_needs.find(lib), std::string::npos) << lib << " in\n" << light_needs;
  }
  // Neither loads libzip (with libcrypto, GnuTLS and libbz2): zip archives are ours on zlib.
  EXPECT_EQ(light_needs.find("libzip"), std::string::npos) << light_needs;
  EXPECT_EQ(full_needs.find("libzip"), std::string::npos) << full_needs;
  // toml++ is compiled in (src/base/toml_impl.cc), not loaded; ICU, pugixml and zlib come in
  // from their static archives where Debian's -dev packages ship them (CMakeLists.txt).
  EXPECT_EQ(light_needs.find("libtomlplusplus"), std::string::npos) << light_needs;
  EXPECT_EQ(full_needs.find("libtomlplusplus"), std::string::npos) << full_needs;
  EXPECT_NE(light_needs.find("libc.so"), std::string::npos) << light_needs;
}

TEST(CliBinaries, RenderGoesThroughTheFullBinaryWithItsExitCode) {
  TempFolder dir;
  const CliRun ok =
      RunJixiao("render examples/lingling-kexie-2024-corrected.json --to html -o - --lang en", dir);
  ASSERT_EQ(ok.code, 0) << ok.err;
  EXPECT_EQ(ok.out.rfind("<!DOCTYPE html>", 0), 0u) << ok.out.substr(0, 200);
  EXPECT_NE(ok.out.find("<svg"), std::string::npos);  // the charts, drawn by jixiao-full
  // A failure inside jixiao-full comes back as it is.
  const CliRun missing =
      RunJixiao("render " + dir / "none.json" + " -o " + dir / "out --lang en", dir);
  EXPECT_EQ(missing.code, 2);
  EXPECT_NE(missing.err.find("none.json"), std::string::npos) << missing.err;
  // Usage errors are answered before the hand-off, in the same words.
  const CliRun usage = RunJixiao("render --lang en", dir);
  EXPECT_EQ(usage.code, 2);
  EXPECT_NE(usage.err.find("package"), std::string::npos) << usage.err;
}

TEST(CliBinaries, WithoutTheFullBinaryRenderSaysWhatIsMissing) {
  TempFolder dir;
  const fs::path alone = dir.path() / "jixiao";
  fs::copy_file(JIXIAO_BINARY, alone);
  const std::string cmd = "cd '" + SourceDir() + "' && '" + alone.string() +
                          "' render examples/lingling-kexie-2024-corrected.json -o '" +
                          (dir / "out") + "' --lang en >/dev/null 2>'" + (dir / "err") + "'";
  const int status = std::system(cmd.c_str());
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 2);
  const std::string err = ReadWhole(dir / "err");
  EXPECT_NE(err.find("jixiao-full"), std::string::npos) << err;
  EXPECT_NE(err.find("same folder"), std::string::npos) << err;
  // The commands it holds itself still work there.
  const std::string check = "cd '" + SourceDir() + "' && '" + alone.string() +
                            "' check examples/lingling-kexie-2024-corrected.json >/dev/null";
  const int check_status = std::system(check.c_str());
  ASSERT_TRUE(WIFEXITED(check_status));
  EXPECT_EQ(WEXITSTATUS(check_status), 0);
  EXPECT_FALSE(fs::exists(dir / "out"));
  // So does the render of Word and JSON, which draws nothing: the same bytes as jixiao-full's.
  const std::string render = "cd '" + SourceDir() + "' && '" + alone.string() +
                             "' render examples/lingling-kexie-2024-corrected.json --to docx,json "
                             "-o '" +
                             (dir / "light") + "' --lang en >/dev/null";
  const int render_status = std::system(render.c_str());
  ASSERT_TRUE(WIFEXITED(render_status));
  EXPECT_EQ(WEXITSTATUS(render_status), 0);
  const std::string full = "cd '" + SourceDir() + "' && '" +
                           (fs::path(JIXIAO_BINARY).parent_path() / "jixiao-full").string() +
                           "' render examples/lingling-kexie-2024-corrected.json --to docx,json "
                           "-o '" +
                           (dir / "full") + "' --lang en >/dev/null";
  ASSERT_EQ(std::system(full.c_str()), 0);
  for (const char* ext : {".docx", ".json"}) {
    const std::string name = std::string("lingling-kexie-2024-corrected") + ext;
    const std::string light_bytes = ReadWhole(dir / ("light/" + name));
    EXPECT_GT(light_bytes.size(), 1000u) << name;
    EXPECT_EQ(light_bytes, ReadWhole(dir / ("full/" + name))) << name;
  }
}

}  // namespace
}  // namespace jixiao::testing
