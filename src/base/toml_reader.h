// TOML configuration files — rulebooks (rules/rulebook.h) and forms (render/form.h) — read the
// same way: the file's text taken only from a regular file of bounded size (a package from a
// stranger may name /dev/zero, a FIFO or a folder), the text parsed with toml++, and every
// table checked key by key, the first problem becoming an InvalidArgument located at the value:
// "<source>:<line>:<column>: <key path>: <what>" ("rulebooks/x.toml:12:3: weights.outptu:
// unknown key (did you mean output?)"). Messages are in the language in force (base/lang.h).
//
// Everything here is a pure function of its arguments (ReadConfigFile reads the file system);
// safe from any thread.
#pragma once

#include <toml++/toml.h>

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include "base/status.h"

namespace jixiao {

// The size a rulebook or a form may have (both are a few kilobytes).
inline constexpr size_t kMaxConfigFileBytes = size_t{1} << 20;

// The whole text of the file at `path`, which must be a regular file (not a folder, a device,
// a FIFO or a socket) of at most `max_bytes`. The file is opened without blocking and checked
// on the opened descriptor, so a FIFO or a device never blocks and is never read.
// IOError "cannot read <path>: <why>" otherwise; <why> is the system's reason ("No such file
// or directory", "Is a directory") or "is a device, not a regular file", "is a pipe (FIFO),
// not a regular file", "is a socket, not a regular file", "is larger than 1 MiB (<n> bytes)".
// Example: ReadConfigFile("/dev/zero") fails at once with "cannot read /dev/zero: is a device,
// not a regular file".
Result<std::string> ReadConfigFile(const std::string& path, size_t max_bytes = kMaxConfigFileBytes);

// Where a path named inside a file (a package's "rulebook": "rules/x.toml") is: an absolute
// path as it is, a relative one taken from the folder of `named_in`.
// Example: PathBeside("rules/x.toml", "in/2024/p.json") == "in/2024/rules/x.toml";
// PathBeside("x.toml", "p.json") == "x.toml".
std::string PathBeside(const std::string& path, const std::string& named_in);

// Whether a path named inside a package may be read: only a relative path that stays in the
// package's folder or below it (no absolute path, no ".." step), so that a package from a
// stranger cannot make jixiao read /etc/passwd or a file beside someone else's package.
// InvalidArgument saying so otherwise; Ok for a bundled id (a bare name).
Status CheckPathNamedByPackage(const std::string& path);

// `status` with `prefix` put before its message, the code kept ("p.json names rulebook
// \"x.toml\": " + "cannot read x.toml: Is a directory").
Status WithPrefix(const Status& status, std::string_view prefix);

// Parses TOML text; InvalidArgument "<source>:<line>:<column>: <toml++'s description>" on a
// syntax error (toml++'s own words are English; a Chinese message says it is a TOML syntax
// error first). Never throws.
Result<toml::table> ParseTomlText(std::string_view text, const std::string& source);

// "a string", "an integer" … (字符串, 整数 …): the kind of value a node holds.
std::string TomlTypeName(const toml::node& node);

// "table.key", or "key" for the root table; "path[3]".
std::string TomlKeyPath(std::string_view table, std::string_view key);
std::string TomlIndexPath(std::string_view path, size_t index);

// Reads the tables of one TOML file, stopping at the first problem; a file kind's reader
// (rulebooks, forms) derives from it and adds the checks of its own values.
class TomlReader {
 public:
  using Keys = std::initializer_list<std::string_view>;

  // `text` (for quoting values back) and `root` must outlive the reader; `source` names the
  // file in messages.
  TomlReader(std::string_view text, std::string source, const toml::table& root)
      : text_(text), source_(std::move(source)), root_(root) {}

  // InvalidArgument "<source>:<line>:<column>: <path>: <message>" at `where` (at 1:1 when the
  // node has no position).
  Status Error(const toml::source_region& where, std::string_view path,
               std::string_view message) const;

  // The first key of `table` (in document order) that is not in `allowed`: "unknown key" or
  // "unknown table", with " (did you mean x?)" when a known name is within two edits.
  Status CheckKeys(const toml::table& table, std::string_view path, Keys allowed) const;

  // The value of a required key ("missing key" otherwise).
  Status Require(const toml::table& table, std::string_view path, std::string_view key,
                 const toml::node** out) const;

  // A table under `parent` (a [header] or an inline table), its unknown keys rejected; the
  // overload without a parent looks in the root.
  Status Table(const toml::table& parent, std::string_view parent_path, std::string_view name,
               Keys keys, const toml::table** out) const;
  Status Table(std::string_view name, Keys keys, const toml::table** out) const {
    return Table(root_, "", name, keys, out);
  }

  Status ReadString(const toml::table& table, std::string_view path, std::string_view key,
                    std::string* out, const toml::node** node_out = nullptr) const;
  Status ReadNonBlankString(const toml::table& table, std::string_view path, std::string_view key,
                            std::string* out) const;
  // One of `choices`; *index is its position in the list.
  Status ReadChoice(const toml::table& table, std::string_view path, std::string_view key,
                    Keys choices, size_t* index) const;
  Status ReadBool(const toml::table& table, std::string_view path, std::string_view key, bool* out,
                  const toml::node** node_out = nullptr) const;
  // An integer within [lo, hi].
  Status ReadInt(const toml::table& table, std::string_view path, std::string_view key, int lo,
                 int hi, int* out) const;

  // The text a value was written as (for quoting a float back); empty when unknown.
  std::string WrittenText(const toml::source_region& where) const;

  // " (did you mean x?)" when a name of `known` is within two edits of `name`, else "".
  static std::string Suggestion(std::string_view name, Keys known);
  static std::string Join(Keys words, std::string_view separator);

  const toml::table& root() const { return root_; }
  const std::string& source() const { return source_; }

 private:
  std::string_view text_;
  std::string source_;
  const toml::table& root_;
};

}  // namespace jixiao
