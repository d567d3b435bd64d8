// Helpers shared by the tests: where the source tree is, the bundled example, the seed
// directory (../shared, found through the one setting JIXIAO_SHARED_DIR, else beside the
// source tree), the bundled rulebooks, and running a command of the independent readers
// (python-docx, LibreOffice, poppler) with its exit status or its output.
#pragma once

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

#include "model/package.h"
#include "model/package_json.h"
#include "rules/rulebook.h"

namespace jixiao::testing {

inline std::string SourceDir() {
  if (const char* env = std::getenv("JIXIAO_SOURCE_DIR")) return env;
#ifdef JIXIAO_SOURCE_DIR
  return JIXIAO_SOURCE_DIR;
#else
  return ".";
#endif
}

inline std::string ExamplePath() { return SourceDir() + "/examples/lingling-kexie-2024.json"; }

// The shared folder with the seed documents, or nullopt when it is absent (tests then skip).
inline std::optional<std::string> SharedDir() {
  std::string dir;
  if (const char* env = std::getenv("JIXIAO_SHARED_DIR")) {
    dir = env;
  } else {
    dir = SourceDir() + "/../shared";
  }
  if (!std::filesystem::exists(dir + "/seeds")) return std::nullopt;
  return dir;
}

inline Package LoadExample() {
  Result<Package> p = LoadPackageFile(ExamplePath());
  EXPECT_TRUE(p.ok()) << p.status().message();
  return p.ok() ? std::move(p).value() : Package{};
}

inline Rulebook LoadRulebook(const char* id) {
  Result<Rulebook> r = BundledRulebook(id);
  EXPECT_TRUE(r.ok()) << r.status().message();
  return r.ok() ? std::move(r).value() : Rulebook{};
}

// A shell command's exit status as std::system gives it.
inline int Shell(const std::string& command) { return std::system(command.c_str()); }

// A shell command's standard output; `*ok` false when it could not run or failed.
inline std::string Capture(const std::string& command, bool* ok) {
  std::string out;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) {
    *ok = false;
    return out;
  }
  char buffer[4096];
  size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  *ok = ::pclose(pipe) == 0;
  return out;
}

}  // namespace jixiao::testing
