// TOML configuration files: bounded reading, parsing and the checks every reader makes (see
// toml_reader.h). toml++ reports syntax errors by exception; they are caught here and never
// escape.
#include "base/toml_reader.h"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <system_error>
#include <utility>

#include "base/file_io.h"
#include "base/lang.h"
#include "base/text.h"

namespace jixiao {
namespace {

bool Before(const toml::source_position& a, const toml::source_position& b) {
  return a.line != b.line ? a.line < b.line : a.column < b.column;
}

// Byte offset of a 1-based line and column (columns count code points, as toml++ does).
size_t OffsetOf(std::string_view text, uint32_t line, uint32_t column) {
  size_t pos = 0;
  for (uint32_t l = 1; l < line; ++l) {
    const size_t newline = text.find('\n', pos);
    if (newline == std::string_view::npos) return text.size();
    pos = newline + 1;
  }
  for (uint32_t c = 1; c < column && pos < text.size() && text[pos] != '\n'; ++c) {
    NextCodePoint(text, &pos);
  }
  return pos;
}

}  // namespace

Result<std::string> ReadConfigFile(const std::string& path, size_t max_bytes) {
  return ReadRegularFile(path, max_bytes);
}

std::string PathBeside(const std::string& path, const std::string& named_in) {
  const std::filesystem::path p(path);
  if (path.empty() || p.is_absolute()) return path;
  const std::filesystem::path folder = std::filesystem::path(named_in).parent_path();
  if (folder.empty()) return path;
  return (folder / p).string();
}

Status CheckPathNamedByPackage(const std::string& path) {
  const std::filesystem::path p(path);
  bool escapes = p.is_absolute() || p.has_root_name();
  for (const auto& part : p) escapes = escapes || part == "..";
  if (!escapes) return Status::Ok();
  return Status::InvalidArgument(
      TrF("数据包只能指定内置的名称，或数据包所在文件夹中的文件（相对路径，不含“..”）；"
          "要用别处的文件，请在命令行上用 --rulebook 或 --form 指定",
          "a package may name only a bundled id or a file in its own folder (a relative path "
          "without \"..\"); to use a file from elsewhere, give it on the command line with "
          "--rulebook or --form"));
}

Status WithPrefix(const Status& status, std::string_view prefix) {
  std::string message = std::string(prefix) + status.message();
  switch (status.code()) {
    case Status::Code::kOk:
      break;
    case Status::Code::kNotFound:
      return Status::NotFound(std::move(message));
    case Status::Code::kIOError:
      return Status::IOError(std::move(message));
    case Status::Code::kInvalidArgument:
      return Status::InvalidArgument(std::move(message));
    case Status::Code::kCorruption:
      return Status::Corruption(std::move(message));
    case Status::Code::kConflict:
      return Status::Conflict(std::move(message));
    case Status::Code::kUnavailable:
      return Status::Unavailable(std::move(message));
  }
  return status;
}

// toml++'s English description of a syntax error ("Error while parsing table header: expected
// ']', saw '\n'") told in Chinese: what was being read, what was expected there and what stood
// there instead.
static std::string TomlSyntaxZh(const std::string& en) {
  static const std::pair<std::string_view, std::string_view> kParts[] = {
      {"table header", "表头"},
      {"key-value pair", "键值对"},
      {"key", "键"},
      {"value", "值"},
      {"string", "字符串"},
      {"array", "数组"},
      {"inline table", "内联表"},
      {"date-time", "日期时间"},
      {"boolean", "布尔值"},
      {"integer", "整数"},
      {"floating-point", "浮点数"},
      {"comment", "注释"}};
  std::string out;
  const size_t parsing = en.find("while parsing ");
  if (parsing != std::string::npos) {
    const std::string part = en.substr(parsing + 14, en.find(':', parsing) - parsing - 14);
    for (const auto& [name, zh] : kParts) {
      if (part == name) out = fmt::format("读取{}时出错", zh);
    }
  }
  if (out.empty()) out = "无法解析";
  auto quoted = [&](size_t from) {
    std::string t = en.substr(from, en.find_first_of(",;", from) - from);
    if (t == "'\\n'") t = "换行";
    return t;
  };
  const size_t expected = en.find("expected ");
  if (expected != std::string::npos) out += "；此处应为 " + quoted(expected + 9);
  const size_t saw = en.find("saw ");
  if (saw != std::string::npos) out += "，实际是 " + quoted(saw + 4);
  if (en.find("end-of-file") != std::string::npos) out += "；文件意外结束";
  return out;
}

Result<toml::table> ParseTomlText(std::string_view text, const std::string& source) {
  try {
    return toml::parse(text, std::string_view(source));
  } catch (const toml::parse_error& e) {
    const toml::source_position& at = e.source().begin;
    const std::string description(e.description());
    return Status::InvalidArgument(
        MessagesInChinese() ? fmt::format("{}:{}:{}：TOML 语法错误：{}", source, at.line, at.column,
                                          TomlSyntaxZh(description))
                            : fmt::format("{}:{}:{}: {}", source, at.line, at.column, description));
  } catch (const std::exception& e) {  // allocation failure
    return Status::InvalidArgument(fmt::format("{}: {}", source, e.what()));
  }
}

std::string TomlTypeName(const toml::node& node) {
  std::string_view zh = "空值";
  std::string_view en = "nothing";
  switch (node.type()) {
    case toml::node_type::string:
      zh = "字符串", en = "a string";
      break;
    case toml::node_type::integer:
      zh = "整数", en = "an integer";
      break;
    case toml::node_type::floating_point:
      zh = "浮点数", en = "a float";
      break;
    case toml::node_type::boolean:
      zh = "布尔值", en = "a boolean";
      break;
    case toml::node_type::date:
      zh = "日期", en = "a date";
      break;
    case toml::node_type::time:
      zh = "时间", en = "a time";
      break;
    case toml::node_type::date_time:
      zh = "日期时间", en = "a date-time";
      break;
    case toml::node_type::array:
      zh = "数组", en = "an array";
      break;
    case toml::node_type::table:
      zh = "表", en = "a table";
      break;
    case toml::node_type::none:
      break;
  }
  return std::string(Tr(zh, en));
}

std::string TomlKeyPath(std::string_view table, std::string_view key) {
  if (table.empty()) return std::string(key);
  return fmt::format("{}.{}", table, key);
}

std::string TomlIndexPath(std::string_view path, size_t index) {
  return fmt::format("{}[{}]", path, index);
}

Status TomlReader::Error(const toml::source_region& where, std::string_view path,
                         std::string_view message) const {
  uint32_t line = where.begin.line;
  uint32_t column = where.begin.column;
  if (line == 0 || column == 0) line = column = 1;  // a node without a position
  return Status::InvalidArgument(
      TrF("{}:{}:{}：{}：{}", "{}:{}:{}: {}: {}", source_, line, column, path, message));
}

std::string TomlReader::WrittenText(const toml::source_region& where) const {
  if (where.begin.line == 0) return "";
  constexpr size_t kMaxLength = 40;
  size_t pos = OffsetOf(text_, where.begin.line, where.begin.column);
  const size_t start = pos;
  while (pos < text_.size() && pos - start < kMaxLength &&
         std::string_view(" \t\r\n,]}#").find(text_[pos]) == std::string_view::npos) {
    ++pos;
  }
  return std::string(text_.substr(start, pos - start));
}

std::string TomlReader::Suggestion(std::string_view name, Keys known) {
  constexpr size_t kMaxEdits = 2;
  std::string_view best;
  size_t best_distance = kMaxEdits + 1;
  for (std::string_view k : known) {
    const size_t gap = k.size() > name.size() ? k.size() - name.size() : name.size() - k.size();
    if (gap > kMaxEdits) continue;
    const size_t d = EditDistance(name, k);
    if (d < best_distance) {
      best = k;
      best_distance = d;
    }
  }
  if (best.empty()) return "";
  return TrF("（是否应为 {}？）", " (did you mean {}?)", best);
}

std::string TomlReader::Join(Keys words, std::string_view separator) {
  std::string out;
  for (std::string_view w : words) {
    if (!out.empty()) out += separator;
    out += w;
  }
  return out;
}

Status TomlReader::CheckKeys(const toml::table& table, std::string_view path, Keys allowed) const {
  const toml::key* unknown = nullptr;
  const toml::node* unknown_value = nullptr;
  for (auto&& [key, value] : table) {
    bool known = false;
    for (std::string_view a : allowed) known = known || key.str() == a;
    if (known) continue;
    if (unknown == nullptr || Before(key.source().begin, unknown->source().begin)) {
      unknown = &key;
      unknown_value = &value;
    }
  }
  if (unknown == nullptr) return Status::Ok();
  // [x] and [[x]] headers name tables; `x = ...` (an inline table too) is a key.
  const toml::table* table_value = unknown_value->as_table();
  const bool is_table =
      (table_value != nullptr && !table_value->is_inline()) || unknown_value->is_array_of_tables();
  const std::string_view what =
      is_table ? Tr("未知的表", "unknown table") : Tr("未知的键", "unknown key");
  return Error(unknown->source(), TomlKeyPath(path, unknown->str()),
               std::string(what) + Suggestion(unknown->str(), allowed));
}

Status TomlReader::Require(const toml::table& table, std::string_view path, std::string_view key,
                           const toml::node** out) const {
  *out = table.get(key);
  if (*out == nullptr) {
    return Error(table.source(), TomlKeyPath(path, key), Tr("缺少此键", "missing key"));
  }
  return Status::Ok();
}

Status TomlReader::Table(const toml::table& parent, std::string_view parent_path,
                         std::string_view name, Keys keys, const toml::table** out) const {
  const std::string path = TomlKeyPath(parent_path, name);
  const toml::node* node = parent.get(name);
  if (node == nullptr) return Error(parent.source(), path, Tr("缺少此表", "missing table"));
  *out = node->as_table();
  if (*out == nullptr) {
    return Error(node->source(), path,
                 TrF("应为表，实为{}", "expected a table, found {}", TomlTypeName(*node)));
  }
  return CheckKeys(**out, path, keys);
}

Status TomlReader::ReadString(const toml::table& table, std::string_view path, std::string_view key,
                              std::string* out, const toml::node** node_out) const {
  const toml::node* node = nullptr;
  if (Status s = Require(table, path, key, &node); !s.ok()) return s;
  if (node_out != nullptr) *node_out = node;
  const auto* s = node->as_string();
  if (s == nullptr) {
    return Error(node->source(), TomlKeyPath(path, key),
                 TrF("应为字符串，实为{}", "expected a string, found {}", TomlTypeName(*node)));
  }
  *out = s->get();
  return Status::Ok();
}

Status TomlReader::ReadNonBlankString(const toml::table& table, std::string_view path,
                                      std::string_view key, std::string* out) const {
  const toml::node* node = nullptr;
  if (Status s = ReadString(table, path, key, out, &node); !s.ok()) return s;
  if (IsBlank(*out)) {
    return Error(node->source(), TomlKeyPath(path, key), Tr("不能为空", "must not be empty"));
  }
  return Status::Ok();
}

Status TomlReader::ReadChoice(const toml::table& table, std::string_view path, std::string_view key,
                              Keys choices, size_t* index) const {
  std::string value;
  const toml::node* node = nullptr;
  if (Status s = ReadString(table, path, key, &value, &node); !s.ok()) return s;
  size_t i = 0;
  for (std::string_view c : choices) {
    if (value == c) {
      *index = i;
      return Status::Ok();
    }
    ++i;
  }
  return Error(node->source(), TomlKeyPath(path, key),
               TrF("“{}”不是以下之一：{}", "\"{}\" is not one of {}", value, Join(choices, ", ")));
}

Status TomlReader::ReadBool(const toml::table& table, std::string_view path, std::string_view key,
                            bool* out, const toml::node** node_out) const {
  const toml::node* node = nullptr;
  if (Status s = Require(table, path, key, &node); !s.ok()) return s;
  if (node_out != nullptr) *node_out = node;
  const auto* b = node->as_boolean();
  if (b == nullptr) {
    return Error(
        node->source(), TomlKeyPath(path, key),
        TrF("应为 true 或 false，实为{}", "expected true or false, found {}", TomlTypeName(*node)));
  }
  *out = b->get();
  return Status::Ok();
}

Status TomlReader::ReadInt(const toml::table& table, std::string_view path, std::string_view key,
                           int lo, int hi, int* out) const {
  const toml::node* node = nullptr;
  if (Status s = Require(table, path, key, &node); !s.ok()) return s;
  const auto* i = node->as_integer();
  if (i == nullptr || i->get() < lo || i->get() > hi) {
    const std::string found =
        i != nullptr ? TrF(" {}", "{}", i->get()) : TomlTypeName(*node);  // "实为 7", "实为整数"
    return Error(node->source(), TomlKeyPath(path, key),
                 TrF("应为 {} 到 {} 之间的整数，实为{}",
                     "expected an integer from {} to {}, found {}", lo, hi, found));
  }
  *out = static_cast<int>(i->get());
  return Status::Ok();
}

}  // namespace jixiao
