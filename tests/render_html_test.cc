// Browser check of the HTML page (render/html_writer.h): Chromium, headless, loads the page
// from a file at phone width (390 × 844 CSS px) and takes a screenshot, and prints it to PDF.
// The screenshot must show the text and the inline chart; the PDF must have A4 pages (and a
// landscape page for a landscape table); the browser's network log must show no request made
// by the page.
//
// The browser is isolated: its own profile in a temporary directory, no network namespace when
// `unshare -n` is allowed (else every host name resolves to nothing and every connection goes
// to a closed local port), background services off. Requests Chromium makes for itself (updates,
// accounts) have no page as initiator and are not the page's; they fail locally anyway.
//
// Skipped, with a message, when /usr/bin/chromium is absent.
#include <cairo.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "render/charts.h"
#include "render/compose.h"
#include "render/form.h"
#include "render/html_writer.h"
#include "render/prepare.h"
#include "tests/test_support.h"

extern char** environ;

namespace jixiao {
namespace {

namespace fs = std::filesystem;

constexpr const char* kChromium = "/usr/bin/chromium";
constexpr unsigned kSeries0 = 0x1F4E79;  // the first chart fill (render/charts.cc)

#define SKIP_WITHOUT_CHROMIUM()                                                              \
  if (!fs::exists(kChromium)) {                                                              \
    GTEST_SKIP() << kChromium << " is not installed: the page was not checked in a browser " \
                 << "(scripts/install-deps.sh installs it)";                                 \
  }

class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "jixiao-html-XXXXXX").string();
    if (mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// Runs `argv` with stdout and stderr into `log` and `env_overrides` ("NAME=value") in its
// environment; returns its exit status, or -1 when it could not be started or was killed.
int Run(const std::vector<std::string>& argv, const fs::path& log,
        const std::vector<std::string>& env_overrides = {}) {
  std::vector<std::string> env_strings = env_overrides;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string entry = *e;
    std::string name = entry.substr(0, entry.find('=') + 1);
    bool overridden = false;
    for (const std::string& o : env_overrides) overridden = overridden || o.starts_with(name);
    if (!overridden) env_strings.push_back(entry);
  }
  std::vector<char*> env;
  for (std::string& s : env_strings) env.push_back(s.data());
  env.push_back(nullptr);
  std::vector<std::string> args = argv;
  std::vector<char*> cargs;
  for (std::string& a : args) cargs.push_back(a.data());
  cargs.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(),
                                   O_WRONLY | O_CREAT | O_APPEND, 0600);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, cargs[0], &actions, nullptr, cargs.data(), env.data());
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return -1;
  int status = 0;
  if (waitpid(pid, &status, 0) != pid) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

bool CanUnshareNetwork(const fs::path& log) {
  static const bool can = Run({"unshare", "-n", "true"}, log) == 0;
  return can;
}

// One headless Chromium run on `page` with its own profile; `mode` is the flags of what it
// makes (screenshot or PDF). The network log goes to `netlog`.
int RunChromium(const fs::path& dir, const fs::path& page, const std::vector<std::string>& mode,
                const fs::path& netlog) {
  const fs::path log = dir / "chromium.log";
  std::vector<std::string> argv = {"timeout", "--kill-after=10", "300"};
  if (CanUnshareNetwork(log)) {
    argv.push_back("unshare");
    argv.push_back("-n");
  }
  for (const char* a : {kChromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                        "--no-default-browser-check", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--disable-default-apps",
                        "--disable-extensions", "--disable-breakpad",
                        "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9"}) {
    argv.push_back(a);
  }
  argv.push_back("--user-data-dir=" + (dir / "profile").string());
  argv.push_back("--log-net-log=" + netlog.string());
  for (const std::string& m : mode) argv.push_back(m);
  argv.push_back("file://" + fs::absolute(page).string());
  const std::string home = (dir / "home").string();
  fs::create_directories(home);
  return Run(argv, log,
             {"HOME=" + home, "XDG_CONFIG_HOME=" + home + "/.config",
              "XDG_CACHE_HOME=" + home + "/.cache"});
}

// The URLs that the page itself asked for, from Chromium's network log: requests whose
// initiator is an origin (a file:// page's is "null"), not the browser's own ("not an
// origin").
std::vector<std::string> PageRequests(const fs::path& netlog) {
  nlohmann::json log = nlohmann::json::parse(ReadFile(netlog), nullptr, false);
  EXPECT_FALSE(log.is_discarded()) << "unreadable network log " << netlog;
  std::vector<std::string> urls;
  if (log.is_discarded()) return {"(unreadable network log)"};
  const nlohmann::json& types = log["constants"]["logEventTypes"];
  if (!types.contains("URL_REQUEST_START_JOB")) return {"(no URL_REQUEST_START_JOB type)"};
  const int start_job = types["URL_REQUEST_START_JOB"].get<int>();
  for (const nlohmann::json& e : log["events"]) {
    if (e.value("type", -1) != start_job || !e.contains("params")) continue;
    const nlohmann::json& p = e["params"];
    if (!p.contains("url")) continue;
    if (p.value("initiator", std::string()) == "not an origin") continue;
    urls.push_back(p["url"].get<std::string>());
  }
  return urls;
}

struct Screenshot {
  int width = 0, height = 0;
  size_t non_white = 0, dark = 0, series = 0;
};

Screenshot Analyse(const fs::path& png) {
  Screenshot shot;
  cairo_surface_t* s = cairo_image_surface_create_from_png(png.c_str());
  if (cairo_surface_status(s) == CAIRO_STATUS_SUCCESS) {
    shot.width = cairo_image_surface_get_width(s);
    shot.height = cairo_image_surface_get_height(s);
    const int stride = cairo_image_surface_get_stride(s);
    const unsigned char* data = cairo_image_surface_get_data(s);
    for (int y = 0; y < shot.height; ++y) {
      const uint32_t* row = reinterpret_cast<const uint32_t*>(data + y * stride);
      for (int x = 0; x < shot.width; ++x) {
        uint32_t rgb = row[x] & 0xFFFFFF;
        unsigned r = rgb >> 16, g = (rgb >> 8) & 0xFF, b = rgb & 0xFF;
        shot.non_white += rgb != 0xFFFFFF;
        shot.dark += r < 0x60 && g < 0x60 && b < 0x60;
        shot.series += rgb == kSeries0;
      }
    }
  }
  cairo_surface_destroy(s);
  return shot;
}

// Pages of a PDF ("/Type /Page" dictionaries, not "/Type /Pages") and their media boxes.
struct PdfPages {
  int pages = 0, portrait_a4 = 0, landscape_a4 = 0;
};

PdfPages CountPages(const std::string& pdf) {
  PdfPages out;
  for (size_t at = pdf.find("/Type /Page"); at != std::string::npos;
       at = pdf.find("/Type /Page", at + 1)) {
    if (at + 11 < pdf.size() && pdf[at + 11] != 's') ++out.pages;
  }
  for (size_t at = pdf.find("/MediaBox ["); at != std::string::npos;
       at = pdf.find("/MediaBox [", at + 1)) {
    double x0, y0, w, h;
    if (std::sscanf(pdf.c_str() + at + 11, "%lf %lf %lf %lf", &x0, &y0, &w, &h) != 4) continue;
    // A4 is 595.28 × 841.89 pt; Chromium rounds it to CSS pixels.
    auto near = [](double a, double b) { return a > b - 2 && a < b + 2; };
    out.portrait_a4 += near(w, 595) && near(h, 842);
    out.landscape_a4 += near(w, 842) && near(h, 595);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Pages.

TableCell Cell(std::string text, bool header = false) {
  TableCell c;
  c.text = std::move(text);
  c.header = header;
  return c;
}

RenderDocument HandBuilt(bool landscape_table) {
  RenderDocument doc;
  doc.title = "浏览器检查";
  doc.fonts.body.families = {"仿宋_GB2312", "Noto Serif CJK SC"};
  doc.fonts.heading1.families = {"黑体", "Noto Sans CJK SC"};
  Block h;
  h.kind = Block::Kind::kHeading;
  h.level = 1;
  h.text = "一、预算执行情况";
  doc.body.push_back(h);
  Block p;
  p.kind = Block::Kind::kParagraph;
  p.generated = true;
  p.text = "年初预算 153.53 万元，全年执行 124.88 万元，预算执行率 98.25%。";
  doc.body.push_back(p);
  Block chart;
  chart.kind = Block::Kind::kChart;
  chart.chart = 0;
  doc.body.push_back(chart);
  Block page_break;
  page_break.kind = Block::Kind::kPageBreak;
  doc.body.push_back(page_break);
  Block table;
  table.kind = Block::Kind::kTable;
  table.table = 0;
  doc.body.push_back(table);

  Chart c;
  c.id = "budget_execution";
  c.title = "预算与执行（万元）";
  c.unit = "万元";
  c.categories = {"年初预算数", "全年预算数", "全年执行数"};
  c.series = {
      {"金额", {*Decimal::Parse("153.53"), *Decimal::Parse("127.10"), *Decimal::Parse("124.88")}}};
  doc.charts.push_back(c);

  RenderTable t;
  t.id = "wide";
  t.title = "附件1 基础数据表";
  t.landscape = landscape_table;
  t.header_rows = 1;
  t.column_widths.assign(10, 250);
  TableRow header;
  for (int i = 0; i < 10; ++i)
    header.cells.push_back(Cell("第" + std::to_string(i + 1) + "列", true));
  t.rows.push_back(header);
  for (int r = 0; r < 60; ++r) {
    TableRow row;
    for (int i = 0; i < 10; ++i) row.cells.push_back(Cell(std::to_string(r * 10 + i) + ".00"));
    t.rows.push_back(row);
  }
  doc.tables.push_back(t);
  return doc;
}

std::vector<std::string> Svgs(const RenderDocument& doc) {
  std::vector<std::string> svg;
  for (const Chart& c : doc.charts) {
    Result<std::string> s = ChartSvg(c);
    EXPECT_TRUE(s.ok()) << c.id << ": " << s.status().message();
    svg.push_back(s.ok() ? *s : "");
  }
  return svg;
}

void WritePage(const fs::path& path, const std::string& html) {
  std::ofstream out(path, std::ios::binary);
  out << html;
}

// Screenshot at phone width: not blank, text drawn, the page's own requests none.
Screenshot PhoneScreenshot(const TempDir& dir, const fs::path& page) {
  const fs::path png = dir.path() / "phone.png";
  const fs::path netlog = dir.path() / "screenshot-netlog.json";
  int rc = RunChromium(
      dir.path(), page,
      {"--hide-scrollbars", "--window-size=390,844", "--screenshot=" + png.string()}, netlog);
  EXPECT_EQ(rc, 0) << ReadFile(dir.path() / "chromium.log");
  EXPECT_TRUE(fs::exists(png)) << ReadFile(dir.path() / "chromium.log");
  EXPECT_EQ(PageRequests(netlog), std::vector<std::string>{});
  return Analyse(png);
}

PdfPages PrintToPdf(const TempDir& dir, const fs::path& page) {
  const fs::path pdf = dir.path() / "page.pdf";
  const fs::path netlog = dir.path() / "pdf-netlog.json";
  int rc = RunChromium(dir.path(), page,
                       {"--no-pdf-header-footer", "--print-to-pdf=" + pdf.string()}, netlog);
  EXPECT_EQ(rc, 0) << ReadFile(dir.path() / "chromium.log");
  std::string bytes = ReadFile(pdf);
  EXPECT_TRUE(bytes.starts_with("%PDF-")) << ReadFile(dir.path() / "chromium.log");
  EXPECT_EQ(PageRequests(netlog), std::vector<std::string>{});
  return CountPages(bytes);
}

TEST(RenderHtmlBrowser, HandBuiltPageAtPhoneWidth) {
  SKIP_WITHOUT_CHROMIUM();
  TempDir dir;
  ASSERT_FALSE(dir.path().empty());
  RenderDocument doc = HandBuilt(false);
  const fs::path page = dir.path() / "page.html";
  WritePage(page, WriteHtml(doc, Svgs(doc)));
  Screenshot shot = PhoneScreenshot(dir, page);
  EXPECT_EQ(shot.width, 390);
  EXPECT_EQ(shot.height, 844);
  const size_t area = static_cast<size_t>(shot.width) * shot.height;
  EXPECT_GT(shot.non_white, area / 50) << "the page looks blank";
  EXPECT_GT(shot.dark, 500u) << "no text drawn";
  // The inline SVG chart is drawn, scaled into the phone's width.
  EXPECT_GT(shot.series, 1000u) << "the chart's bars are not on the screen";
}

TEST(RenderHtmlBrowser, HandBuiltPagePrintsOnA4WithALandscapeTable) {
  SKIP_WITHOUT_CHROMIUM();
  TempDir dir;
  ASSERT_FALSE(dir.path().empty());
  RenderDocument doc = HandBuilt(true);
  const fs::path page = dir.path() / "page.html";
  WritePage(page, WriteHtml(doc, Svgs(doc)));
  PdfPages pdf = PrintToPdf(dir, page);
  // The report page, then the 61-row table from a new page on (landscape) pages.
  EXPECT_GE(pdf.pages, 3);
  EXPECT_GE(pdf.portrait_a4, 1);
  EXPECT_GE(pdf.landscape_a4, 1);
  EXPECT_EQ(pdf.portrait_a4 + pdf.landscape_a4, pdf.pages);
}

// The network-log check can fail: a page with external references is caught.
TEST(RenderHtmlBrowser, NetworkLogCatchesAPageThatFetches) {
  SKIP_WITHOUT_CHROMIUM();
  TempDir dir;
  ASSERT_FALSE(dir.path().empty());
  const fs::path page = dir.path() / "fetching.html";
  WritePage(page,
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"/>"
            "<link rel=\"stylesheet\" href=\"https://example.com/x.css\"/></head>"
            "<body><p>x</p><img src=\"http://example.org/a.png\"/></body></html>");
  const fs::path png = dir.path() / "shot.png";
  const fs::path netlog = dir.path() / "netlog.json";
  RunChromium(dir.path(), page, {"--window-size=390,844", "--screenshot=" + png.string()}, netlog);
  std::vector<std::string> urls = PageRequests(netlog);
  EXPECT_NE(std::find(urls.begin(), urls.end(), "https://example.com/x.css"), urls.end());
  EXPECT_NE(std::find(urls.begin(), urls.end(), "http://example.org/a.png"), urls.end());
}

// The worked example, prepared and composed as the render command does.
Result<RenderDocument> ComposedExample() {
  const std::string path = testing::SourceDir() + "/examples/lingling-kexie-2024-corrected.json";
  Result<Package> pkg = LoadPackageFile(path);
  if (!pkg.ok()) return pkg.status();
  Result<Rulebook> rulebook = BundledRulebook(pkg->rulebook);
  if (!rulebook.ok()) return rulebook.status();
  Result<Form> form = DefaultFormFor(*pkg);
  if (!form.ok()) return form.status();
  return ComposeDocument(PrepareForRender(*pkg, *rulebook), *rulebook, *form);
}

TEST(RenderHtmlBrowser, ComposedExampleAtPhoneWidthAndInPrint) {
  SKIP_WITHOUT_CHROMIUM();
  Result<RenderDocument> doc = ComposedExample();
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  ASSERT_FALSE(doc->charts.empty());
  TempDir dir;
  ASSERT_FALSE(dir.path().empty());
  const fs::path page = dir.path() / "report.html";
  const std::string html = WriteHtml(*doc, Svgs(*doc));
  WritePage(page, html);
  // The generated paragraphs of the prepared report are marked.
  EXPECT_NE(html.find("<p class=\"generated"), std::string::npos);
  Screenshot shot = PhoneScreenshot(dir, page);
  EXPECT_EQ(shot.width, 390);
  EXPECT_GT(shot.non_white, static_cast<size_t>(shot.width) * shot.height / 50);
  EXPECT_GT(shot.dark, 500u);
  PdfPages pdf = PrintToPdf(dir, page);
  // Cover, report, 基础数据表, 自评表, charts: many pages, all A4.
  EXPECT_GE(pdf.pages, 6);
  EXPECT_EQ(pdf.portrait_a4 + pdf.landscape_a4, pdf.pages);
}

}  // namespace
}  // namespace jixiao
