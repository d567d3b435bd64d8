// Golden tests: every file in tests/golden/*.test is one self-describing case — the input
// (a file of the tree, optionally changed by a JSON Patch, or a literal input), the command,
// the expected exit code, stdout and stderr. tests/golden/README.md describes the format.
// Run with JIXIAO_UPDATE_GOLDEN=1 to rewrite the expected sections after a deliberate change.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "tests/test_support.h"

namespace jixiao {
namespace {

namespace fs = std::filesystem;

struct GoldenCase {
  fs::path file;
  std::vector<std::string> comments;
  std::map<std::string, std::string> headers;  // input, patch, command, exit
  std::vector<std::string> header_order;
  std::map<std::string, std::string> sections;  // input, rulebook, stdout, stderr
  std::vector<std::string> section_order;
};

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

GoldenCase Parse(const fs::path& file) {
  GoldenCase c;
  c.file = file;
  std::istringstream in(ReadAll(file));
  std::string line;
  std::string current;
  while (std::getline(in, line)) {
    if (line.rfind("--- ", 0) == 0) {
      current = line.substr(4);
      c.sections[current];
      c.section_order.push_back(current);
      continue;
    }
    if (!current.empty()) {
      c.sections[current] += line + "\n";
      continue;
    }
    if (line.rfind("#", 0) == 0) {
      c.comments.push_back(line);
      continue;
    }
    const size_t colon = line.find(": ");
    if (colon != std::string::npos) {
      const std::string key = line.substr(0, colon);
      c.headers[key] = line.substr(colon + 2);
      c.header_order.push_back(key);
    }
  }
  return c;
}

void Write(const GoldenCase& c, const std::string& out, const std::string& err, int code) {
  std::ofstream o(c.file, std::ios::binary);
  for (const std::string& comment : c.comments) o << comment << "\n";
  for (const std::string& key : c.header_order) {
    o << key << ": " << (key == "exit" ? std::to_string(code) : c.headers.at(key)) << "\n";
  }
  for (const std::string& name : c.section_order) {
    if (name == "stdout" || name == "stderr") continue;
    o << "--- " << name << "\n" << c.sections.at(name);
  }
  o << "--- stdout\n" << out;
  if (!err.empty()) o << "--- stderr\n" << err;
}

void ReplaceAll(std::string* s, const std::string& from, const std::string& to) {
  if (from.empty()) return;
  for (size_t pos = 0; (pos = s->find(from, pos)) != std::string::npos; pos += to.size()) {
    s->replace(pos, from.size(), to);
  }
}

std::vector<fs::path> GoldenFiles() {
  std::vector<fs::path> files;
  const fs::path dir = fs::path(testing::SourceDir()) / "tests" / "golden";
  if (!fs::exists(dir)) return files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".test") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

class Golden : public ::testing::TestWithParam<fs::path> {};

TEST_P(Golden, Matches) {
  GoldenCase c = Parse(GetParam());
  ASSERT_TRUE(c.headers.count("command")) << c.file << ": no 'command:' line";
  const fs::path work = fs::temp_directory_path() / ("jixiao-golden-" + std::to_string(::getpid()) +
                                                     "-" + GetParam().stem().string());
  fs::create_directories(work);

  // The input: a literal section, or a tree file with an optional JSON Patch.
  std::string input_path;
  if (c.sections.count("input")) {
    input_path = (work / "input.json").string();
    std::ofstream(input_path, std::ios::binary) << c.sections["input"];
  } else if (c.headers.count("input")) {
    input_path = c.headers["input"];
    if (c.headers.count("patch")) {
      auto doc =
          nlohmann::ordered_json::parse(ReadAll(fs::path(testing::SourceDir()) / input_path));
      const auto patch = nlohmann::ordered_json::parse(c.headers["patch"]);
      doc = doc.patch(patch);
      input_path = (work / fs::path(input_path).filename()).string();
      std::ofstream(input_path, std::ios::binary) << doc.dump(2) << "\n";
    }
  }
  std::string rulebook_path;
  if (c.sections.count("rulebook")) {
    rulebook_path = (work / "rulebook.toml").string();
    std::ofstream(rulebook_path, std::ios::binary) << c.sections["rulebook"];
  }

  std::string command = c.headers["command"];
  // Cases on the seed documents need the shared folder; without it they skip.
  std::string shared;
  if (command.find("{shared}") != std::string::npos) {
    const auto dir = testing::SharedDir();
    if (!dir) {
      fs::remove_all(work);
      GTEST_SKIP() << "the seed documents (" << testing::SourceDir()
                   << "/../shared, or JIXIAO_SHARED_DIR) are absent";
    }
    shared = fs::weakly_canonical(*dir).string();
    ReplaceAll(&command, "{shared}", shared);
  }
  ReplaceAll(&command, "{input}", input_path);
  ReplaceAll(&command, "{work}", work.string());
  ReplaceAll(&command, "{rulebook}", rulebook_path);
  const std::string out_file = (work / "stdout").string();
  const std::string err_file = (work / "stderr").string();
  // Under LeakSanitizer (make asan) the list of suppressions used would end stderr.
  const std::string shell =
      "cd '" + testing::SourceDir() +
      "' && LSAN_OPTIONS=\"${LSAN_OPTIONS:+$LSAN_OPTIONS:}print_suppressions=0\" '" +
      JIXIAO_BINARY + "' " + command + " >'" + out_file + "' 2>'" + err_file + "'";
  const int status = std::system(shell.c_str());
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::string out = ReadAll(out_file);
  std::string err = ReadAll(err_file);
  // Temporary paths print as placeholders so the expected text is stable.
  for (std::string* s : {&out, &err}) {
    ReplaceAll(s, work.string() + "/", "{work}/");
    if (!shared.empty()) ReplaceAll(s, shared + "/", "{shared}/");
  }
  fs::remove_all(work);

  if (std::getenv("JIXIAO_UPDATE_GOLDEN")) {
    Write(c, out, err, code);
    GTEST_SKIP() << "updated " << c.file;
  }
  EXPECT_EQ(code, std::stoi(c.headers.count("exit") ? c.headers["exit"] : "0")) << c.file;
  EXPECT_EQ(out, c.sections["stdout"]) << c.file;
  EXPECT_EQ(err, c.sections["stderr"]) << c.file;
}

INSTANTIATE_TEST_SUITE_P(Files, Golden, ::testing::ValuesIn(GoldenFiles()),
                         [](const ::testing::TestParamInfo<fs::path>& info) {
                           std::string name = info.param.stem().string();
                           for (char& ch : name) {
                             if (!isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace jixiao
