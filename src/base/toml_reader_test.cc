// Tests of the shared TOML reading: ReadConfigFile reads regular files up to the limit and
// refuses everything else at once (devices, FIFOs, folders, sockets, files over the limit,
// files that report no size), PathBeside takes paths from the naming file's folder, and the
// generic messages in both languages.
#include "base/toml_reader.h"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

#include "base/lang.h"

namespace jixiao {
namespace {

namespace fs = std::filesystem;

class ConfigFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("jixiao-config-file-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
  std::string Write(const std::string& name, const std::string& text) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
  fs::path dir_;
};

TEST_F(ConfigFileTest, ReadsARegularFileUpToTheLimit) {
  const std::string path = Write("ten.toml", "0123456789");
  Result<std::string> text = ReadConfigFile(path, 10);
  ASSERT_TRUE(text.ok()) << text.status().message();
  EXPECT_EQ(*text, "0123456789");
  Result<std::string> over = ReadConfigFile(path, 9);
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.status().message(), "cannot read " + path + ": is larger than 9 bytes (10 bytes)");
  EXPECT_EQ(ReadConfigFile(Write("empty.toml", ""))->size(), 0u);
}

TEST_F(ConfigFileTest, AFileThatReportsNoSizeIsReadToTheLimit) {
  // /proc files are regular files of size 0 whose text is made when read.
  if (!fs::exists("/proc/self/status")) GTEST_SKIP() << "no /proc";
  Result<std::string> text = ReadConfigFile("/proc/self/status");
  ASSERT_TRUE(text.ok()) << text.status().message();
  EXPECT_NE(text->find("Name:"), std::string::npos);
  Result<std::string> small = ReadConfigFile("/proc/self/status", 16);
  ASSERT_FALSE(small.ok());
  EXPECT_EQ(small.status().message(), "cannot read /proc/self/status: is larger than 16 bytes");
}

TEST_F(ConfigFileTest, EverythingButARegularFileIsRefused) {
  EXPECT_EQ(ReadConfigFile("/dev/zero").status().message(),
            "cannot read /dev/zero: is a device, not a regular file");
  EXPECT_EQ(ReadConfigFile("/dev/null").status().message(),
            "cannot read /dev/null: is a device, not a regular file");
  EXPECT_EQ(ReadConfigFile(dir_.string()).status().message(),
            "cannot read " + dir_.string() + ": Is a directory");
  const std::string fifo = (dir_ / "fifo").string();
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  EXPECT_EQ(ReadConfigFile(fifo).status().message(),
            "cannot read " + fifo + ": is a pipe (FIFO), not a regular file");
  const std::string socket_path = (dir_ / "sock").string();
  const int sock = ::socket(AF_UNIX, SOCK_STREAM, 0);
  ASSERT_GE(sock, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::strncpy(address.sun_path, socket_path.c_str(), sizeof address.sun_path - 1);
  ASSERT_EQ(::bind(sock, reinterpret_cast<const sockaddr*>(&address), sizeof address), 0);
  EXPECT_EQ(ReadConfigFile(socket_path).status().message(),
            "cannot read " + socket_path + ": is a socket, not a regular file");
  ::close(sock);
  const std::string missing = (dir_ / "absent.toml").string();
  Result<std::string> absent = ReadConfigFile(missing);
  EXPECT_EQ(absent.status().code(), Status::Code::kIOError);
  EXPECT_EQ(absent.status().message(), "cannot read " + missing + ": No such file or directory");
}

TEST_F(ConfigFileTest, ReasonsInChinese) {
  ScopedMessageLanguage zh(Lang::kZh);
  EXPECT_EQ(ReadConfigFile("/dev/zero").status().message(),
            "无法读取 /dev/zero：是设备文件，不是普通文件");
  EXPECT_EQ(ReadConfigFile(dir_.string()).status().message(),
            "无法读取 " + dir_.string() + "：是文件夹，不是文件");
  const std::string missing = (dir_ / "absent.toml").string();
  EXPECT_EQ(ReadConfigFile(missing).status().message(), "无法读取 " + missing + "：文件不存在");
  const std::string path = Write("big.toml", std::string(2048, '#'));
  EXPECT_EQ(ReadConfigFile(path, 1024).status().message(),
            "无法读取 " + path + "：超过 1 KiB（2048 字节）");
}

TEST(PathBeside, RelativePathsAreTakenFromTheNamingFilesFolder) {
  EXPECT_EQ(PathBeside("rules/x.toml", "in/2024/p.json"), "in/2024/rules/x.toml");
  EXPECT_EQ(PathBeside("../x.toml", "/data/in/p.json"), "/data/in/../x.toml");
  EXPECT_EQ(PathBeside("x.toml", "p.json"), "x.toml");
  EXPECT_EQ(PathBeside("/etc/x.toml", "in/p.json"), "/etc/x.toml");
  EXPECT_EQ(PathBeside("", "in/p.json"), "");
}

TEST(CheckPathNamedByPackage, OnlyPathsInsideThePackagesFolder) {
  ScopedMessageLanguage en(Lang::kEn);
  EXPECT_TRUE(CheckPathNamedByPackage("hunan-lingling").ok());
  EXPECT_TRUE(CheckPathNamedByPackage("rules/x.toml").ok());
  EXPECT_TRUE(CheckPathNamedByPackage("./x.toml").ok());
  for (const char* outside : {"/etc/passwd", "/dev/zero", "../x.toml", "rules/../../x.toml"}) {
    const Status s = CheckPathNamedByPackage(outside);
    EXPECT_EQ(s.code(), Status::Code::kInvalidArgument) << outside;
    EXPECT_NE(s.message().find("a package may name only a bundled id or a file in its own folder"),
              std::string::npos)
        << s.message();
  }
}

TEST(WithPrefix, KeepsTheCode) {
  const Status s = WithPrefix(Status::NotFound("gone"), "p.json: ");
  EXPECT_EQ(s.code(), Status::Code::kNotFound);
  EXPECT_EQ(s.message(), "p.json: gone");
}

TEST(TomlReader, GenericMessagesInBothLanguages) {
  const std::string text = "[a]\nnmae = 1\nflag = 2\n";
  Result<toml::table> root = ParseTomlText(text, "t.toml");
  ASSERT_TRUE(root.ok()) << root.status().message();
  TomlReader reader(text, "t.toml", *root);
  const toml::table* a = nullptr;
  Status s = reader.Table("a", {"name", "flag"}, &a);
  EXPECT_EQ(s.message(), "t.toml:2:1: a.nmae: unknown key (did you mean name?)");
  bool flag = false;
  ASSERT_NE(root->get("a"), nullptr);
  const toml::table& table = *root->get("a")->as_table();
  EXPECT_EQ(reader.ReadBool(table, "a", "flag", &flag).message(),
            "t.toml:3:8: a.flag: expected true or false, found an integer");
  int n = 0;
  EXPECT_EQ(reader.ReadInt(table, "a", "flag", 3, 5, &n).message(),
            "t.toml:3:8: a.flag: expected an integer from 3 to 5, found 2");
  ScopedMessageLanguage zh(Lang::kZh);
  EXPECT_EQ(reader.Table("a", {"name", "flag"}, &a).message(),
            "t.toml:2:1：a.nmae：未知的键（是否应为 name？）");
  EXPECT_EQ(reader.ReadBool(table, "a", "flag", &flag).message(),
            "t.toml:3:8：a.flag：应为 true 或 false，实为整数");
  EXPECT_EQ(reader.ReadInt(table, "a", "flag", 3, 5, &n).message(),
            "t.toml:3:8：a.flag：应为 3 到 5 之间的整数，实为 2");
  EXPECT_EQ(reader.Table("b", {}, &a).message(), "t.toml:1:1：b：缺少此表");
}

TEST(TomlReader, SyntaxErrorsAreLocated) {
  Result<toml::table> root = ParseTomlText("a = \n", "t.toml");
  ASSERT_FALSE(root.ok());
  EXPECT_EQ(root.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(root.status().message().rfind("t.toml:1:", 0), 0u) << root.status().message();
}

}  // namespace
}  // namespace jixiao
