// jixiao: the command line. Reads the options of each command (CLI11), in the language in force:
// `--lang` is read before anything else, so help, usage errors and every message of the run
// are in one language. A mistyped command or option is answered with the nearest one; an
// option that belongs to another command is refused, not ignored. The commands themselves are
// in commands.cc; docs/cli.md describes every option, the output shapes and the exit codes.
//
// Two links of this file (CMakeLists.txt): `jixiao-full` holds every command with the
// renderers and the server; `jixiao` (built with JIXIAO_CLI_LIGHT) holds check, score, claims,
// import and the render of Word, JSON and LibreOffice's PDF, so that these start without loading
// cairo, pango, the X11 and GLib libraries, SQLite, libpq and the rest. Given review, serve or a
// render that draws (xlsx, html, the native pdf), `jixiao` reads the command line as usual (help
// and usage errors are its own) and then hands the same arguments to the `jixiao-full` beside it
// with exec: the same process, the same exit code.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "base/file_io.h"
#include "base/heap.h"
#include "base/lang.h"
#include "cli/cli.h"
#include "cli/command_support.h"
#include "office/libreoffice.h"
#include "render/render.h"
#include "server/server.h"

#ifndef JIXIAO_VERSION
#define JIXIAO_VERSION "0"
#endif

namespace jixiao::cli {
namespace {

#ifdef JIXIAO_CLI_LIGHT
// Runs the command line in `jixiao-full`, found beside this binary; returns only on failure.
int RunFullBinary(char** argv) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  const fs::path full = (ec ? fs::path(argv[0]) : self).parent_path() / "jixiao-full";
  ::execv(full.c_str(), argv);
  PrintError(TrF("无法运行 {}：{}（render、review 和 serve 由它完成，它应与 jixiao 在同一文件夹）",
                 "cannot run {}: {} (it does render, review and serve, and belongs in the same "
                 "folder as jixiao)",
                 full.string(), SystemErrorText(errno)));
  return 2;
}
#endif

#ifdef JIXIAO_MIMALLOC
// mimalloc, the light binary's allocator, reads its options when the process starts. For an
// input that will build many megabytes (HeapEstimateFor; a long Word document, a large
// workbook), the command runs this same binary again (exec: the same process, output and exit
// code) with MIMALLOC_LARGE_OS_PAGES=1, so that its memory is advised for transparent huge
// pages, as PrepareHeap does glibc's heap: one fault per 2 MB instead of per 4 KB (importing
// 60,000 cells 92 -> 78 ms, the 200-page report 48 -> 37 ms; docs/performance.md). Not when the
// variable is set already (by the user, or by the exec before); returns only when it did not
// exec, and the command then runs as it is.
void RerunWithLargePages(const std::string& file, char** argv) {
  constexpr const char* kLargePages = "MIMALLOC_LARGE_OS_PAGES";
  if (HeapEstimateFor(file) < kSmallestHeapToPrepare || ::getenv(kLargePages) != nullptr) return;
  if (::setenv(kLargePages, "1", 0) != 0) return;
  ::execv("/proc/self/exe", argv);
  ::unsetenv(kLargePages);
}
#else
void RerunWithLargePages(const std::string&, char**) {}
#endif

// Tr as a std::string, for CLI11.
std::string T(std::string_view zh, std::string_view en) { return std::string(Tr(zh, en)); }

const std::vector<std::string> kCommands = {"check",  "score",  "import", "claims",
                                            "render", "review", "serve"};
// The commands that read packages one at a time.
const std::vector<std::string> kEngineCommands = {"check", "score", "import", "claims", "render"};

// Which commands take each option, for the message that refuses an option given to another.
struct OptionUse {
  const char* name;
  std::vector<std::string> commands;
};
const std::vector<OptionUse>& OptionUses() {
  static const std::vector<OptionUse> uses = {
      {"--format", kEngineCommands},
      {"--lang", kCommands},
      {"--rulebook", {"check", "score", "import", "claims", "render", "review"}},
      {"--office-timeout", kEngineCommands},
      {"--sample", {"review"}},
      {"--seed", {"review"}},
      {"--deadline", {"review"}},
      {"--jobs", {"check", "review"}},
      {"--db", {"serve"}},
      {"--listen", {"serve"}},
      {"--secure-cookies", {"serve"}},
      {"--threads", {"serve"}},
      {"--min-severity", {"check"}},
      {"--scope", {"check"}},
      {"--explain", {"check"}},
      {"--to", {"render"}},
      {"--form", {"import", "render"}},
      {"-o", {"import", "render", "review"}},
      {"--output", {"import"}},
      {"--output-dir", {"render"}},
      {"--help", kCommands},
      {"-h", kCommands},
  };
  return uses;
}

// `--lang zh|en` wherever it stands (before or after the command), read before the command line
// is parsed so that its help and errors are already in that language. Chinese by default.
Lang LanguageOf(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    std::string_view value;
    if (a == "--lang" && i + 1 < argc) {
      value = argv[i + 1];
    } else if (a.rfind("--lang=", 0) == 0) {
      value = a.substr(7);
    }
    if (value == "en") return Lang::kEn;
    if (value == "zh") return Lang::kZh;
  }
  return Lang::kZh;
}

// The command word on the command line (the first argument that is not an option or the value
// of --lang), or empty.
std::string CommandWord(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    if (a == "--lang") {
      ++i;
      continue;
    }
    if (!a.empty() && a[0] == '-') continue;
    return std::string(a);
  }
  return "";
}

// "check、score 或 render" / "check, score or render".
std::string JoinCommands(const std::vector<std::string>& commands) {
  std::string out;
  for (size_t i = 0; i < commands.size(); ++i) {
    if (i > 0) out += std::string(i + 1 == commands.size() ? Tr(" 或 ", " or ") : Tr("、", ", "));
    out += commands[i];
  }
  return out;
}

// Every option name any command takes.
std::vector<std::string> AllOptionNames() {
  std::vector<std::string> out;
  for (const OptionUse& u : OptionUses()) out.push_back(u.name);
  out.push_back("--version");
  return out;
}

// An argument CLI11 found no place for, explained: an option of another command, a mistyped
// option, or a word too many.
std::string ExplainExtra(const std::string& extra, const std::string& command) {
  const std::string name = extra.substr(0, extra.find('='));
  if (!name.empty() && name[0] == '-') {
    for (const OptionUse& u : OptionUses()) {
      if (u.name != name) continue;
      return TrF("选项 {} 不适用于 {} 命令；只有 {} 命令接受它",
                 "option {} does not apply to {}; only {} takes it", name, command,
                 JoinCommands(u.commands));
    }
    const std::string near = Nearest(name, AllOptionNames());
    if (!near.empty()) {
      return TrF("没有选项 {}。您是不是要用 {}？", "there is no option {}. Did you mean {}?", name,
                 near);
    }
    return TrF("没有选项 {}（jixiao {} --help 列出 {} 的选项）",
               "there is no option {} (jixiao {} --help lists the options of {})", name, command,
               command);
  }
  return TrF("多余的参数“{}”：{} 命令不接受更多的文件",
             "unexpected argument \"{}\": {} takes no more files", extra, command);
}

// A usage error of CLI11, told in the language in force.
std::string ExplainParseError(const CLI::ParseError& e, const std::string& command) {
  const std::string what = e.what();
  const size_t colon = what.find(": ");
  if (dynamic_cast<const CLI::ExtrasError*>(&e) != nullptr && colon != std::string::npos) {
    // CLI11 lists the extras last one first: explain the first option among them, else the
    // first word.
    std::vector<std::string> extras;
    std::istringstream words(what.substr(colon + 2));
    for (std::string w; words >> w;) extras.insert(extras.begin(), w);
    auto option = std::find_if(extras.begin(), extras.end(),
                               [](const std::string& w) { return w.size() > 1 && w[0] == '-'; });
    return ExplainExtra(option != extras.end() ? *option : extras.front(), command);
  }
  if (dynamic_cast<const CLI::RequiredError*>(&e) != nullptr) {
    if (what.find("subcommand") != std::string::npos) {
      return TrF("请给出一个命令：{}（jixiao --help 列出它们）",
                 "give a command: {} (jixiao --help lists them)", JoinCommands(kCommands));
    }
    const std::string option = what.substr(0, what.find(' '));
    return TrF("{} 命令缺少必需的 {}（jixiao {} --help）", "{} needs {} (jixiao {} --help)",
               command, option, command);
  }
  if (dynamic_cast<const CLI::ValidationError*>(&e) != nullptr && colon != std::string::npos) {
    const std::string option = what.substr(0, colon);
    const std::string rest = what.substr(colon + 2);
    const size_t not_in = rest.find(" not in ");
    if (rest.find(" range ") != std::string::npos) {
      const size_t v = rest.find("Value ");
      const std::string value =
          v == std::string::npos ? rest : rest.substr(v + 6, rest.find(' ', v + 6) - v - 6);
      return TrF("{} 要一个 1 到 86400 之间的整数（秒），“{}”不是",
                 "{} takes a whole number of seconds from 1 to 86400, not \"{}\"", option, value);
    }
    if (not_in != std::string::npos) {
      return TrF("{} 的值“{}”无效；可选：{}", "{}: \"{}\" is not one of {}", option,
                 rest.substr(0, not_in), rest.substr(not_in + 8));
    }
    return TrF("{} 的值无效：{}", "{}: invalid value: {}", option, rest);
  }
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&e) != nullptr ||
      dynamic_cast<const CLI::ConversionError*>(&e) != nullptr) {
    const std::string option = what.substr(0, colon == std::string::npos ? 0 : colon);
    return TrF("选项 {} 需要一个合适的值（jixiao {} --help）",
               "option {} needs a proper value (jixiao {} --help)",
               option.empty() ? std::string("?") : option, command.empty() ? "" : command);
  }
  return TrF("命令行有误：{}（jixiao --help）", "{} (jixiao --help)", what);
}

// Help in the language in force: CLI11's layout with our words.
void SetHelpWords(CLI::App* app) {
  auto f = app->get_formatter();
  f->label("Usage", std::string(Tr("用法", "Usage")));
  f->label("OPTIONS", std::string(Tr("选项", "OPTIONS")));
  f->label("SUBCOMMAND", std::string(Tr("命令", "COMMAND")));
  f->label("SUBCOMMANDS", std::string(Tr("命令", "COMMANDS")));
  f->label("Positionals", std::string(Tr("参数", "Arguments")));
  f->label("Options", std::string(Tr("选项", "Options")));
  f->label("Subcommands", std::string(Tr("命令", "Commands")));
  f->label("REQUIRED", std::string(Tr("必填", "REQUIRED")));
  f->column_width(34);
  app->option_defaults()->group(T("选项", "Options"));
}

std::string Values(std::initializer_list<const char*> values) {
  std::string out;
  for (const char* v : values) out += std::string(out.empty() ? "" : "|") + v;
  return out;
}

void AddFormat(CLI::App* cmd, Options* o, bool brief) {
  std::vector<std::string> allowed = {"text", "json"};
  if (brief) allowed.push_back("brief");
  cmd->add_option("--format", o->format,
                  brief ? std::string(Tr("输出格式：text（默认）、json，或 brief（每条一行）",
                                         "output format: text (default), json, or brief (a line "
                                         "per diagnostic)"))
                        : std::string(Tr("输出格式：text（默认）或 json",
                                         "output format: text (default) or json")))
      ->check(CLI::IsMember(allowed).description(""))
      ->type_name(brief ? Values({"text", "json", "brief"}) : Values({"text", "json"}));
}

void AddLanguage(CLI::App* cmd) {
  cmd->add_option_function<std::string>(
         "--lang", [](const std::string&) {},
         std::string(Tr("提示信息的语言：zh（中文，默认）或 en（英文）",
                        "language of every message: zh (Chinese, the default) or en (English)")))
      ->check(CLI::IsMember({"zh", "en"}).description(""))
      ->type_name("zh|en");
}

void AddRulebook(CLI::App* cmd, Options* o, bool import) {
  cmd->add_option(
         "--rulebook", o->rulebook,
         import ? std::string(Tr("记入数据包的评分规则（national、hunan-lingling 或 TOML 文件）；"
                                 "默认按表格版式选择",
                                 "rulebook recorded in the package (national, "
                                 "hunan-lingling or a TOML file); default: chosen by "
                                 "the form's layout"))
                : std::string(
                      Tr("评分规则（national、hunan-lingling 或 TOML 文件），优先于数据包中指定的",
                         "rulebook (national, hunan-lingling or a TOML file); "
                         "overrides the package's")))
      ->type_name(std::string(Tr("规则", "RULEBOOK")));
}

void AddOfficeTimeout(CLI::App* cmd, Options* o) {
  cmd->add_option(
         "--office-timeout", o->office_timeout,
         std::string(
             Tr("LibreOffice 转换一个文件（.doc、.xls、PDF）最多用的秒数（1–86400），默认 300",
                "seconds LibreOffice may take to convert one file (.doc, .xls, "
                "PDF), 1–86400; default 300")))
      ->check(CLI::Range(1, 86400).description(""))
      ->type_name(std::string(Tr("秒", "SECONDS")));
}

// Sets up LibreOffice for the run: the time limit, and a line on standard error when a
// conversion takes more than a couple of seconds.
void SetUpLibreOffice(const Options& o) {
  LibreOfficeOptions lo = DefaultLibreOfficeOptions();
  lo.timeout_seconds = o.office_timeout;
  lo.notice = [](std::string_view message) { PrintError(message); };
  SetDefaultLibreOfficeOptions(lo);
}

int Main(int argc, char** argv) {
  SetMessageLanguage(LanguageOf(argc, argv));
  const std::string command_word = CommandWord(argc, argv);

  // A mistyped command is answered before CLI11 sees it.
  if (!command_word.empty() &&
      std::find(kCommands.begin(), kCommands.end(), command_word) == kCommands.end()) {
    const std::string near = Nearest(command_word, kCommands);
    if (!near.empty()) {
      PrintError(TrF("没有命令“{}”。您是不是要用“{}”？",
                     "there is no command \"{}\". Did you mean \"{}\"?", command_word, near));
    } else {
      PrintError(TrF("没有命令“{}”；命令有 {}（jixiao --help）",
                     "there is no command \"{}\"; the commands are {} (jixiao --help)",
                     command_word, JoinCommands(kCommands)));
    }
    return 2;
  }

  CLI::App app{std::string(Tr("jixiao — 部门整体支出绩效自评：导入、检查、评分、排版",
                              "jixiao — budget units' performance self-evaluations: import, "
                              "check, score, render"))};
  SetHelpWords(&app);
  app.set_help_flag("-h,--help", std::string(Tr("显示帮助并退出", "print this help and exit")));
  app.set_version_flag("--version", VersionText(),
                       std::string(Tr("显示版本并退出", "print the version and exit")));
  app.require_subcommand(1);
  AddLanguage(&app);
  app.footer(std::string(Tr("每个命令的选项：jixiao 命令 --help。文档：docs/cli.md",
                            "The options of a command: jixiao COMMAND --help. See docs/cli.md")));

  auto subcommand = [&](const char* name, std::string_view zh, std::string_view en) {
    CLI::App* cmd = app.add_subcommand(name, std::string(Tr(zh, en)));
    cmd->group(T("命令", "Commands"));
    SetHelpWords(cmd);
    cmd->set_help_flag("-h,--help", std::string(Tr("显示帮助并退出", "print this help and exit")));
    AddLanguage(cmd);
    return cmd;
  };
  const std::string package_words =
      std::string(Tr("数据包（JSON）或文档（文本、Word、Excel）；- 表示标准输入",
                     "package (JSON) or document (text, Word, Excel); - reads standard input"));

  Options check_o, score_o, import_o, claims_o, render_o;
  std::vector<std::string> check_files;
  std::string explain, score_file, import_file, import_output, claims_file, render_file, render_dir,
      render_form, import_form, render_formats = "docx,xlsx,pdf,html";

  CLI::App* check = subcommand("check", "找出数据包中的每一处不一致（有错误或不一致时退出码为 1）",
                               "find every inconsistency in packages (exit 1 on an error or "
                               "inconsistency)");
  check->add_option(T("数据包", "packages"), check_files, package_words)
      ->type_name(T("文件", "FILE"));
  check
      ->add_option("--explain", explain,
                   std::string(Tr("说明一个诊断代码的含义和改法",
                                  "explain a diagnostic code and how to fix it")))
      ->type_name(std::string(Tr("代码", "CODE")));
  AddFormat(check, &check_o, true);
  check
      ->add_option(
          "--min-severity", check_o.min_severity,
          std::string(Tr("只显示至少这么严重的诊断：error、inconsistency、warning、info（默认）",
                         "show only diagnostics at least this severe: error, "
                         "inconsistency, warning, info (default)")))
      ->check(CLI::IsMember({"error", "inconsistency", "warning", "info"}).description(""))
      ->type_name(Values({"error", "inconsistency", "warning", "info"}));
  check
      ->add_option("--scope", check_o.scope,
                   std::string(Tr("检查范围：tables（表内算术、比率、得分、权重、完整性）、report（"
                                  "报告文字、跨文档、政策）或 all（默认）",
                                  "which checks: tables (arithmetic, ratios, scores, weights, "
                                  "completeness), report (prose, across documents, policy) or "
                                  "all (default)")))
      ->check(CLI::IsMember({"tables", "report", "all"}).description(""))
      ->type_name(Values({"tables", "report", "all"}));
  check
      ->add_option("--jobs", check_o.jobs,
                   std::string(Tr("同时检查的线程数（默认按处理器核数）；输出顺序与文件顺序相同",
                                  "threads checking at once (default: one per core); the output "
                                  "keeps the order of the files")))
      ->check(CLI::NonNegativeNumber.description(""))
      ->type_name("N");
  AddRulebook(check, &check_o, false);
  AddOfficeTimeout(check, &check_o);

  CLI::App* score = subcommand("score", "复算执行率得分、各指标得分和总分",
                               "recompute the execution, indicator and total scores");
  score->add_option(T("数据包", "package"), score_file, package_words)
      ->required()
      ->type_name(T("文件", "FILE"));
  AddFormat(score, &score_o, false);
  AddRulebook(score, &score_o, false);
  AddOfficeTimeout(score, &score_o);

  CLI::App* import = subcommand("import", "把文本、Word 或 Excel 文档读成数据包（JSON）",
                                "read a text, Word or Excel document into a package (JSON)");
  import
      ->add_option(T("文档", "document"), import_file,
                   std::string(Tr("要导入的文档，按内容识别格式；- 表示标准输入",
                                  "the document, its format told by its content; - reads "
                                  "standard input")))
      ->required()
      ->type_name(T("文件", "FILE"));
  import
      ->add_option("-o,--output", import_output,
                   std::string(Tr("要写入的数据包 JSON 文件；- 表示标准输出",
                                  "the package JSON file to write; - writes standard output")))
      ->required()
      ->type_name(T("文件", "FILE"));
  import
      ->add_option("--form", import_form,
                   std::string(Tr(
                       "按此版式读表（内置版式 id 或 TOML 文件）；默认按文档的版式从内置版式中选择",
                       "read the tables in this form's layout (a bundled id or a TOML "
                       "file); default: chosen among the bundled forms by the "
                       "document's layout")))
      ->type_name(std::string(Tr("版式", "FORM")));
  AddFormat(import, &import_o, false);
  AddRulebook(import, &import_o, true);
  AddOfficeTimeout(import, &import_o);

  CLI::App* claims = subcommand("claims", "列出报告中的每个数字和比较，以及核对结论",
                                "list every figure and comparison the report states, with its "
                                "verdict");
  claims->add_option(T("数据包", "package"), claims_file, package_words)
      ->required()
      ->type_name(T("文件", "FILE"));
  AddFormat(claims, &claims_o, false);
  AddRulebook(claims, &claims_o, false);
  AddOfficeTimeout(claims, &claims_o);

  CLI::App* render = subcommand("render", "按官方版式写出数据包的文档（Word、Excel、PDF、HTML）",
                                "write the package's documents in the official layout (Word, "
                                "Excel, PDF, HTML)");
  render->add_option(T("数据包", "package"), render_file, package_words)
      ->required()
      ->type_name(T("文件", "FILE"));
  render
      ->add_option(
          "--to", render_formats,
          std::string(Tr("格式，用逗号分隔：docx、xlsx、pdf、html、json；默认 docx,xlsx,pdf,html",
                         "formats, separated by commas: docx, xlsx, pdf, html, json; "
                         "default docx,xlsx,pdf,html")))
      ->type_name(std::string(Tr("格式", "FORMATS")));
  render
      ->add_option("-o,--output-dir", render_dir,
                   std::string(Tr("写入的文件夹；只写一种格式时 - 表示标准输出",
                                  "folder to write into; with one format, - writes standard "
                                  "output")))
      ->required()
      ->type_name(std::string(Tr("文件夹", "FOLDER")));
  render
      ->add_option(
          "--form", render_form,
          std::string(
              Tr("版式（内置版式 id，如 lingling-2024、guizhou-2021，或 TOML "
                 "文件）；默认用数据包记下的版式，"
                 "否则按评分规则和年度选择",
                 "form (a bundled id such as lingling-2024, guizhou-2021, or a TOML file); "
                 "default: the form the package names, else the bundled form for its rulebook "
                 "and year")))
      ->type_name(std::string(Tr("版式", "FORM")));
  render
      ->add_option(
          "--pdf-engine", render_o.pdf_engine,
          std::string(Tr("PDF 由谁生成：native（内置，毫秒级，默认）或 libreoffice（由 Word "
                         "文档转换，需安装 LibreOffice）",
                         "who makes the PDF: native (built in, milliseconds; the "
                         "default) or libreoffice (converted from the Word document; "
                         "needs LibreOffice)")))
      ->type_name(std::string(Tr("引擎", "ENGINE")));
  AddFormat(render, &render_o, false);
  AddRulebook(render, &render_o, false);
  AddOfficeTimeout(render, &render_o);

  ReviewCommandOptions review_o;
  std::vector<std::string> review_inputs;
  Options review_rulebook;
  CLI::App* review = subcommand(
      "review", "财政审阅收到的数据包：逐个检查评分，按可解释的风险排序，写出汇总表，抽取抽评样本",
      "a bureau's review of the packages it received: check and score each, rank them by "
      "explained risk, write the summary, draw the spot-check sample");
  review
      ->add_option(T("文件或文件夹", "files or folders"), review_inputs,
                   T("数据包（JSON）或文档（文本、Word、Excel）；文件夹中的逐个读取",
                     "packages (JSON) or documents (text, Word, Excel); folders are searched"))
      ->required()
      ->type_name(T("路径", "PATH"));
  review
      ->add_option("-o,--output", review_o.output,
                   std::string(Tr("汇总工作簿（.xlsx）；同名 .csv 写在旁边",
                                  "the summary workbook (.xlsx); a .csv of the same name is "
                                  "written beside it")))
      ->required()
      ->type_name(std::string(Tr("文件", "FILE")));
  review
      ->add_option(
          "--sample", review_o.sample,
          std::string(Tr("抽评样本的个数：一半按风险排名，一半随机抽取",
                         "size of the spot-check sample: half by risk rank, half at random")))
      ->check(CLI::NonNegativeNumber.description(""))
      ->type_name("N");
  CLI::Option* seed_option =
      review
          ->add_option(
              "--seed", review_o.seed,
              std::string(Tr("随机抽取的种子（相同文件和种子抽出相同样本）；默认随机并显示",
                             "seed of the random draw (the same files and seed draw the "
                             "same sample); default: a random one, printed")))
          ->type_name("S");
  review
      ->add_option("--deadline", review_o.deadline,
                   std::string(Tr("报送截止日期（年-月-日）：报告日期晚于它的计入风险",
                                  "the deadline (YEAR-MONTH-DAY): a report dated later adds to "
                                  "its risk")))
      ->type_name(std::string(Tr("日期", "DATE")));
  review
      ->add_option("--jobs", review_o.jobs,
                   std::string(Tr("线程数（默认按处理器核数）", "threads (default: one per core)")))
      ->check(CLI::NonNegativeNumber.description(""))
      ->type_name("N");
  AddRulebook(review, &review_rulebook, false);

  server::ServerOptions serve_o;
  std::string listen = "127.0.0.1:8080";
  CLI::App* serve = subcommand("serve", "运行网页系统：单位填报、检查、提交，主管部门和财政局审核",
                               "run the web system: units fill, check and submit; reviewers "
                               "return, forward and accept");
  serve
      ->add_option("--db", serve_o.db_url,
                   std::string(Tr("数据库：sqlite:路径（默认 sqlite:var/jixiao.db）或 "
                                  "postgresql://…",
                                  "the database: sqlite:PATH (default sqlite:var/jixiao.db) or "
                                  "postgresql://…")))
      ->type_name("URL");
  serve
      ->add_option("--listen", listen,
                   std::string(Tr("监听的地址和端口（默认 127.0.0.1:8080）",
                                  "address and port to listen on (default 127.0.0.1:8080)")))
      ->type_name(std::string(Tr("地址:端口", "HOST:PORT")));
  serve->add_flag("--secure-cookies", serve_o.secure_cookies,
                  std::string(Tr("在 HTTPS 之后运行：Cookie 加 Secure",
                                 "running behind HTTPS: mark cookies Secure")));
  serve
      ->add_option("--threads", serve_o.threads,
                   std::string(Tr("工作线程数（默认按处理器核数）",
                                  "worker threads (default: by the number of cores)")))
      ->type_name("N");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    std::cout << e.what() << "\n";
    return 0;
  } catch (const CLI::ParseError& e) {
    PrintError(ExplainParseError(e, command_word));
    return 2;
  }

  if (check->parsed()) {
    if (!explain.empty()) {
      if (!check_files.empty()) {
        PrintError(Tr("--explain 只说明代码，不同时检查文件",
                      "--explain explains a code; it checks no files"));
        return 2;
      }
      return RunExplain(explain);
    }
    if (check_files.empty()) {
      PrintError(Tr("check 需要至少一个数据包（或 --explain 代码）",
                    "check needs at least one package (or --explain CODE)"));
      return 2;
    }
    if (check_files.size() == 1) RerunWithLargePages(check_files[0], argv);
    SetUpLibreOffice(check_o);
    return RunCheck(check_files, check_o);
  }
  if (score->parsed()) {
    RerunWithLargePages(score_file, argv);
    SetUpLibreOffice(score_o);
    return RunScore(score_file, score_o);
  }
  if (import->parsed()) {
    RerunWithLargePages(import_file, argv);
    SetUpLibreOffice(import_o);
    return RunImport(import_file, import_output, import_form, import_o);
  }
  if (claims->parsed()) {
    RerunWithLargePages(claims_file, argv);
    SetUpLibreOffice(claims_o);
    return RunClaims(claims_file, claims_o);
  }
#ifdef JIXIAO_CLI_LIGHT
  if (render->parsed()) {
    // Word, JSON and LibreOffice's PDF here; what needs drawing (xlsx, html, the native pdf) and
    // any wrong option go to jixiao-full, which says what is wrong.
    Result<std::vector<std::string>> formats = ParseRenderFormats(render_formats);
    Result<PdfEngine> engine = ParsePdfEngine(render_o.pdf_engine);
    if (formats.ok() && engine.ok() && RendersWithoutDrawing(*formats, *engine)) {
      RerunWithLargePages(render_file, argv);
      SetUpLibreOffice(render_o);
      return RunRender(render_file, render_formats, render_dir, render_form, render_o);
    }
  }
  if (serve->parsed() || review->parsed() || render->parsed()) return RunFullBinary(argv);
  (void)seed_option;  // read by jixiao-full's review
#else
  if (serve->parsed()) {
    const size_t colon = listen.rfind(':');
    int port = 0;
    if (colon != std::string::npos) {
      try {
        port = std::stoi(listen.substr(colon + 1));
      } catch (...) {
        port = 0;
      }
    }
    if (colon == std::string::npos || colon == 0 || port <= 0 || port > 65535) {
      PrintError(TrF("--listen 应为 地址:端口，例如 127.0.0.1:8080（收到“{}”）",
                     "--listen must be HOST:PORT, e.g. 127.0.0.1:8080 (got \"{}\")", listen));
      return 2;
    }
    serve_o.host = listen.substr(0, colon);
    serve_o.port = port;
    return server::Serve(serve_o, std::cout, std::cerr);
  }
  if (review->parsed()) {
    SetUpLibreOffice(review_rulebook);
    review_o.rulebook = review_rulebook.rulebook;
    review_o.seed_given = seed_option->count() > 0;
    return RunReview(review_inputs, review_o);
  }
  if (render->parsed()) {
    SetUpLibreOffice(render_o);
    return RunRender(render_file, render_formats, render_dir, render_form, render_o);
  }
#endif
  return 2;
}

}  // namespace

std::string VersionText() { return std::string("jixiao ") + JIXIAO_VERSION; }

std::string Nearest(std::string_view word, const std::vector<std::string>& candidates) {
  // Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
  // neighbouring letters each count one.
  auto distance = [](std::string_view a, std::string_view b) {
    std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
    for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
    for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
      for (size_t j = 1; j <= b.size(); ++j) {
        const size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
        d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
        if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
          d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.size()][b.size()];
  };
  if (word.size() > 64) return "";
  std::string best;
  size_t best_distance = 0;
  for (const std::string& c : candidates) {
    const size_t dist = distance(word, c);
    if (best.empty() || dist < best_distance) {
      best = c;
      best_distance = dist;
    }
  }
  const size_t letters = word.size() - std::min<size_t>(word.find_first_not_of('-'), word.size());
  if (best.empty() || best_distance == 0 || best_distance * 3 > std::max<size_t>(letters, 3)) {
    return "";
  }
  return best;
}

void PrintError(std::string_view message) {
  std::cerr << (MessagesInChinese() ? "jixiao：" : "jixiao: ") << message << "\n";
}

}  // namespace jixiao::cli

int main(int argc, char** argv) { return jixiao::cli::Main(argc, argv); }
