// The pages of the web application, rendered on the server in Chinese: login, my packages,
// the package editor laid out like the three official tables (基础数据表, 自评表, 自评报告)
// with the findings panel, import, history, and the administrator's page. Every action on a
// page is a form that web/app.js sends to the JSON API (api.cc); no inline script or style,
// so the Content-Security-Policy can forbid both. docs/server.md describes the pages.
#include <fmt/format.h>

#include <chrono>
#include <ctime>
#include <set>

#include "base/lru_cache.h"
#include "server/auth.h"
#include "server/dashboard.h"
#include "server/evaluated.h"
#include "server/http_encoding.h"
#include "server/internal.h"
#include "server/package_ops.h"
#include "server/page_parts.h"

namespace jixiao::server {

using nlohmann::json;
using store::PackageStatus;
using store::Role;

namespace {

// "/evaluation/funds/executed" → "f--evaluation-funds-executed" (an id the script can find).
std::string FieldId(const std::string& pointer) {
  std::string id = "f-";
  for (char ch : pointer) id += ch == '/' ? '-' : ch == '~' ? '_' : ch;
  return id;
}

// The keys whose values are figure cells: null in JSON when blank.
bool IsCellKey(std::string_view key) {
  static const std::set<std::string, std::less<>> keys = {"authorized",
                                                          "on_payroll",
                                                          "control_rate",
                                                          "retired",
                                                          "total_actual",
                                                          "prior_final",
                                                          "budget",
                                                          "final",
                                                          "approved_area",
                                                          "actual_area",
                                                          "area_control_rate",
                                                          "budget_investment",
                                                          "actual_investment",
                                                          "investment_control_rate",
                                                          "initial_budget",
                                                          "full_year_budget",
                                                          "executed",
                                                          "weight",
                                                          "execution_rate",
                                                          "score",
                                                          "general_public",
                                                          "government_fund",
                                                          "special_account",
                                                          "other_funds",
                                                          "basic",
                                                          "project",
                                                          "total_weight",
                                                          "total_score",
                                                          "weight_min",
                                                          "weight_max",
                                                          "coefficient"};
  return keys.count(key) > 0;
}

std::string ValueText(const json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

class Page {
 public:
  std::string html;
  // Pieces kept compressed (an editor body's), each to stand at its offset in `html`.
  std::vector<std::pair<size_t, const DeflatedPiece*>> pieces;
  void operator+=(std::string_view s) { html.append(s); }
  void operator+=(const DeflatedPiece& piece) { pieces.emplace_back(html.size(), &piece); }

  // An input bound to `pointer` in `doc`, with its label; read-only unless `editable`.
  void Field(const json& doc, const std::string& pointer, const std::string& label, bool editable,
             bool multiline = false, const std::string& css = "") {
    const Bound b = Bind(doc, pointer, "", editable);
    html +=
        fmt::format("<div class=\"field {}\"><label for=\"{}\">{}</label>", css, b.id, Html(label));
    if (multiline) {
      html += fmt::format("<textarea {} rows=\"{}\">{}</textarea>", b.attributes,
                          std::min<size_t>(12, 2 + b.value.size() / 80), Html(b.value));
    } else {
      html += fmt::format("<input type=\"text\" {} value=\"{}\"{}>", b.attributes, Html(b.value),
                          b.nullable ? " inputmode=\"decimal\"" : "");
    }
    html += FindingsSlot(pointer) + "</div>";
  }

  // A bare input in a table cell (the column heading is its label, given as aria-label).
  void Cell(const json& doc, const std::string& pointer, const std::string& label, bool editable,
            bool multiline = false) {
    const Bound b = Bind(doc, pointer, label, editable);
    html += "<td>";
    if (multiline) {
      html += fmt::format("<textarea {} rows=\"2\">{}</textarea>", b.attributes, Html(b.value));
    } else {
      html += fmt::format("<input type=\"text\" {} value=\"{}\">", b.attributes, Html(b.value));
    }
    html += FindingsSlot(pointer) + "</td>";
  }

 private:
  // An input's binding to the value at `pointer`: its id, its current text, whether it may be
  // emptied to null (a figure cell), and the attributes every bound input carries.
  struct Bound {
    std::string id, value, attributes;
    bool nullable = false;
  };
  static Bound Bind(const json& doc, const std::string& pointer, const std::string& aria_label,
                    bool editable) {
    const json::json_pointer p(pointer);
    const json* v = doc.contains(p) ? &doc.at(p) : nullptr;
    Bound b;
    b.value = v ? ValueText(*v) : "";
    const std::string key = pointer.substr(pointer.rfind('/') + 1);
    b.nullable = v == nullptr || v->is_null() || IsCellKey(key);
    b.id = FieldId(pointer);
    b.attributes = fmt::format(
        "id=\"{0}\" name=\"{0}\"{1} data-pointer=\"{2}\" data-original=\"{3}\"{4}{5}", b.id,
        aria_label.empty() ? "" : fmt::format(" aria-label=\"{}\"", Html(aria_label)),
        Html(pointer), Html(b.value), b.nullable ? " data-nullable=\"1\"" : "",
        editable ? "" : " readonly");
    return b;
  }
  // Where app.js lists the findings on the value at `pointer`.
  static std::string FindingsSlot(const std::string& pointer) {
    return fmt::format("<span class=\"field-findings\" data-for=\"{}\"></span>", Html(pointer));
  }
};

}  // namespace

// The assets' version in their URLs, so that a browser never runs a script older than the
// page it came with (the assets are cached; a new build changes the version).
const std::string& AssetVersion() {
  static const std::string v = Sha256Hex(std::string(kAppJs) + kAppCss).substr(0, 12);
  return v;
}

namespace {

constexpr std::string_view kLayoutTail = "</main></body></html>";
const std::string kHtmlType = "text/html; charset=utf-8";

// The layout up to the page's own content.
std::string LayoutHead(const Ctx& c, const std::string& title) {
  std::string nav;
  if (c.user) {
    nav = fmt::format(
        "<nav aria-label=\"主导航\"><a href=\"/\">我的数据包</a>{}{}<span "
        "class=\"who\">{}（{}）</span>"
        "<button id=\"logout\" type=\"button\">退出</button></nav>",
        c.user->role == Role::kBureau         ? "<a href=\"/dashboard\">年度汇总</a><a "
                                                "href=\"/sample\">抽评样本</a>"
        : c.user->role == Role::kDeptReviewer ? "<a href=\"/dashboard\">年度汇总</a>"
                                              : "",
        c.user->role == Role::kAdmin ? "<a href=\"/admin\">账号与单位</a>" : "", Html(c.user->name),
        Html(store::RoleName(c.user->role)));
  }
  return fmt::format(
      "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "{}<title>{} · 绩效自评</title><link rel=\"stylesheet\" href=\"/static/app.css?v={}\">"
      "<script src=\"/static/app.js?v={}\" defer></script></head><body>"
      "<header class=\"top\"><a class=\"brand\" href=\"/\">绩效自评</a>{}</header>"
      "<main id=\"main\">",
      c.session ? fmt::format("<meta name=\"csrf\" content=\"{}\">", Html(c.session->csrf)) : "",
      Html(title), AssetVersion(), AssetVersion(), nav);
}

// A page with compressed pieces: as gzip made of the stored parts and the kept pieces when the
// client takes gzip (no compression per request), else as the plain text.
void SendPage(Ctx& c, int status, const std::string& title, const Page& pg) {
  c.res.status = status;
  c.res.set_header("Vary", "Accept-Encoding");
  const std::string head = LayoutHead(c, title);
  const std::string_view html = pg.html;
  if (AcceptsGzip(c.req.get_header_value("Accept-Encoding"))) {
    GzipWriter w;
    w.Stored(head);
    size_t from = 0;
    for (const auto& [at, piece] : pg.pieces) {
      w.Stored(html.substr(from, at - from));
      w.Deflated(*piece);
      from = at;
    }
    w.Stored(html.substr(from));
    w.Stored(kLayoutTail);
    return SetEncodedBody(c.res, w.Finish(), kHtmlType, "gzip");
  }
  size_t size = head.size() + html.size() + kLayoutTail.size();
  for (const auto& [at, piece] : pg.pieces) size += piece->text.size();
  std::string page;
  page.reserve(size);
  page += head;
  size_t from = 0;
  for (const auto& [at, piece] : pg.pieces) {
    page += html.substr(from, at - from);
    page += piece->text;
    from = at;
  }
  page += html.substr(from);
  page += kLayoutTail;
  SetEncodedBody(c.res, std::move(page), kHtmlType, "");
}

}  // namespace

std::string Layout(const Ctx& c, const std::string& title, std::string_view body) {
  // The head, then the body appended once (not copied through fmt).
  std::string page = LayoutHead(c, title);
  page.reserve(page.size() + body.size() + kLayoutTail.size());
  page += body;
  page += kLayoutTail;
  return page;
}

void Send(Ctx& c, int status, const std::string& title, std::string_view body) {
  c.res.status = status;
  SetBody(c.res, Layout(c, title, body), kHtmlType.c_str());
}

void NotFound(Ctx& c) {
  Send(c, 404, "不存在",
       "<h1>不存在</h1><p>没有这个页面，或者您没有查看它的权限。</p><p><a "
       "href=\"/\">回到我的数据包</a></p>");
}

std::string StatusBadge(PackageStatus s) {
  return fmt::format("<span class=\"status status-{}\">{}</span>", store::StatusKey(s),
                     store::StatusName(s));
}

std::string FindingCounts(const store::PackageSummary& s) {
  return fmt::format(
      "<span class=\"count sev-error\">错误 {}</span> <span class=\"count "
      "sev-inconsistency\">不一致 "
      "{}</span> <span class=\"count sev-warning\">警告 {}</span>",
      s.findings[0], s.findings[1], s.findings[2]);
}

// The form of an API action, sent by app.js.
std::string ApiForm(const std::string& api, const std::string& method, const std::string& next,
                    const std::string& inner, const std::string& button, const std::string& css) {
  return fmt::format(
      "<form class=\"api {}\" data-api=\"{}\" data-method=\"{}\" data-next=\"{}\">{}"
      "<button type=\"submit\">{}</button><p class=\"form-error\" role=\"alert\"></p>"
      "<p class=\"form-status\" role=\"status\"></p></form>",
      css, Html(api), method, Html(next), inner, Html(button));
}

namespace {

// The forms that set last year's and this year's deadline (财政局, 管理员).
std::string DeadlineForms(store::Store* store, int64_t region_id, int64_t now_ms) {
  std::string html = "<h2>填报截止日期</h2>";
  const std::time_t t = static_cast<std::time_t>(now_ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  for (int year : {tm.tm_year + 1900 - 1, tm.tm_year + 1900}) {
    Result<std::string> current = store->GetDeadline(region_id, year);
    html +=
        ApiForm(fmt::format("/api/v1/years/{}/deadline", year), "PUT", "reload",
                fmt::format("<div class=\"field\"><label for=\"d-{0}\">{0} 年度截止日期</label>"
                            "<input id=\"d-{0}\" name=\"date\" type=\"date\" value=\"{1}\"></div>",
                            year, current.ok() ? Html(*current) : ""),
                "设定");
  }
  return html;
}

// 基础数据表: staffing, the expense tree, buildings.
void BasicDataTables(Page& pg, const json& doc, bool editable, int year) {
  pg += "<section class=\"part\" id=\"basic-data\"><h2>附件1 基础数据表</h2>";
  pg += "<h3>财政供养人员情况</h3><div class=\"grid\">";
  const std::pair<const char*, const char*> staff[] = {{"authorized", "编制数"},
                                                       {"on_payroll", "实际在职人数"},
                                                       {"control_rate", "控制率"},
                                                       {"retired", "退休人数"},
                                                       {"total_actual", "实有人数"}};
  for (const auto& [key, label] : staff) {
    pg.Field(doc, std::string("/basic_data/staffing/") + key, label, editable);
  }
  pg +=
      "</div><h3>经费控制情况（万元）</h3><div class=\"table-wrap\"><table "
      "class=\"form\"><thead><tr>"
      "<th scope=\"col\">项目</th>";
  pg += fmt::format(
      "<th scope=\"col\">{}年决算数</th><th scope=\"col\">{}年预算数</th>"
      "<th scope=\"col\">{}年决算数</th></tr></thead><tbody>",
      year - 1, year, year);
  std::function<void(const json&, const std::string&, int)> rows =
      [&](const json& list, const std::string& base, int depth) {
        for (size_t i = 0; i < list.size(); ++i) {
          const json& row = list[i];
          const std::string p = base + "/" + std::to_string(i);
          const std::string label = row.value("label", "");
          pg += fmt::format("<tr><th scope=\"row\" class=\"depth-{}\">{}</th>", depth, Html(label));
          const std::pair<const char*, std::string> cols[] = {
              {"prior_final", fmt::format("{} {}年决算数", label, year - 1)},
              {"budget", fmt::format("{} {}年预算数", label, year)},
              {"final", fmt::format("{} {}年决算数", label, year)}};
          for (const auto& [key, name] : cols) pg.Cell(doc, p + "/values/" + key, name, editable);
          pg += "</tr>";
          if (row.contains("children")) rows(row["children"], p + "/children", depth + 1);
        }
      };
  if (doc.contains("basic_data") && doc["basic_data"].contains("expenses")) {
    rows(doc["basic_data"]["expenses"], "/basic_data/expenses", 0);
  }
  pg += "</tbody></table></div>";
  const json* buildings = doc.contains(json::json_pointer("/basic_data/buildings"))
                              ? &doc.at(json::json_pointer("/basic_data/buildings"))
                              : nullptr;
  if (buildings && !buildings->empty()) {
    pg +=
        "<h3>楼堂馆所控制情况</h3><div class=\"table-wrap\"><table class=\"form\"><thead><tr>"
        "<th>名称</th><th>批复规模（㎡）</th><th>实际规模（㎡）</th><th>规模控制率</th>"
        "<th>预算投资（万元）</th><th>实际投资（万元）</th><th>投资概算控制率</th></tr></"
        "thead><tbody>";
    for (size_t i = 0; i < buildings->size(); ++i) {
      const std::string p = "/basic_data/buildings/" + std::to_string(i);
      pg += "<tr>";
      const std::pair<const char*, const char*> cols[] = {
          {"name", "名称"},
          {"approved_area", "批复规模"},
          {"actual_area", "实际规模"},
          {"area_control_rate", "规模控制率"},
          {"budget_investment", "预算投资"},
          {"actual_investment", "实际投资"},
          {"investment_control_rate", "投资概算控制率"}};
      for (const auto& [key, label] : cols) pg.Cell(doc, p + "/" + key, label, editable);
      pg += "</tr>";
    }
    pg += "</tbody></table></div>";
  }
  pg.Field(doc, "/basic_data/frugality_measures", "厉行节约保障措施", editable, true);
  pg.Field(doc, "/basic_data/notes", "说明", editable, true);
  pg += "</section>";
}

// 自评表: funds with the computed rate and score, goals, the indicator tree.
void EvaluationTables(Page& pg, const json& doc, const json& score, bool editable) {
  pg += "<section class=\"part\" id=\"evaluation\"><h2>部门整体支出绩效自评表</h2>";
  pg.Field(doc, "/evaluation/unit_name", "单位名称", editable);
  pg +=
      "<h3>年度资金（万元）</h3><div class=\"table-wrap\"><table class=\"form\"><thead><tr>"
      "<th>年初预算数</th><th>全年预算数</th><th>全年执行数</th><th>分值</th><th>执行率（填报）</"
      "th>"
      "<th>得分（填报）</th><th>执行率（计算）</th><th>得分（计算）</th></tr></thead><tbody><tr>";
  const std::pair<const char*, const char*> funds[] = {
      {"initial_budget", "年初预算数"},     {"full_year_budget", "全年预算数"},
      {"executed", "全年执行数"},           {"weight", "分值"},
      {"execution_rate", "执行率（填报）"}, {"score", "得分（填报）"}};
  for (const auto& [key, label] : funds)
    pg.Cell(doc, std::string("/evaluation/funds/") + key, label, editable);
  pg += fmt::format(
      "<td><output data-computed=\"execution_rate\">{}</output></td>"
      "<td><output data-computed=\"execution_score\">{}</output></td></tr></tbody></table></div>",
      Html(ValueText(score.value("execution_rate", json()))),
      Html(ValueText(score.value("execution_score", json()))));
  pg += "<div class=\"side-by-side\"><div><h4>按收入性质</h4><div class=\"grid\">";
  const std::pair<const char*, const char*> income[] = {
      {"general_public", "一般公共预算"},
      {"government_fund", "政府性基金拨款"},
      {"special_account", "纳入专户管理的非税收入拨款"},
      {"other_funds", "其他资金"}};
  for (const auto& [key, label] : income)
    pg.Field(doc, std::string("/evaluation/funds/") + key, label, editable);
  pg += "</div></div><div><h4>按支出性质</h4><div class=\"grid\">";
  pg.Field(doc, "/evaluation/funds/basic", "基本支出", editable);
  pg.Field(doc, "/evaluation/funds/project", "项目支出", editable);
  pg += "</div></div></div>";
  pg += "<h3>年度总体目标</h3>";
  const json::json_pointer planned("/evaluation/goals/planned");
  if (doc.contains(planned)) {
    for (size_t i = 0; i < doc.at(planned).size(); ++i) {
      pg.Field(doc, fmt::format("/evaluation/goals/planned/{}/text", i),
               fmt::format("预期目标 {}", i + 1), editable, true);
    }
  }
  pg.Field(doc, "/evaluation/goals/achieved", "实际完成情况", editable, true);
  // The indicator tree.
  std::map<std::string, json> leaves;
  if (score.contains("indicators")) {
    for (const json& leaf : score["indicators"]) leaves[leaf.value("pointer", "")] = leaf;
  }
  pg +=
      "<h3>绩效指标</h3><div class=\"table-wrap\"><table class=\"form indicators\"><thead><tr>"
      "<th>指标</th><th>分值</th><th>年度指标值</th><th>实际完成值</th><th>得分（填报）</th>"
      "<th>得分（计算）</th><th>偏差原因分析及改进措施</th>";
  if (editable) pg += "<th>调整</th>";
  pg += "</tr></thead><tbody>";
  std::function<void(const json&, const std::string&, int)> tree = [&](const json& list,
                                                                       const std::string& base,
                                                                       int depth) {
    for (size_t i = 0; i < list.size(); ++i) {
      const json& node = list[i];
      const std::string p = base + "/" + std::to_string(i);
      const bool leaf = !node.contains("children") || node["children"].empty();
      const std::string name = node.value("name", "");
      const std::string level = depth == 0 ? "一级" : depth == 1 ? "二级" : "三级";
      pg += fmt::format("<tr class=\"level-{}\">", depth + 1);
      pg += fmt::format("<td class=\"depth-{}\">", depth);
      pg.html += "";
      {
        // The name cell carries the level in its label.
        Page inner;
        inner.Cell(doc, p + "/name", fmt::format("{}指标名称", level), editable);
        std::string cell = inner.html;
        pg += cell.substr(4, cell.size() - 9);  // without the wrapping <td></td>
      }
      pg += "</td>";
      pg.Cell(doc, p + "/weight", name + " 分值", editable);
      if (leaf) {
        pg.Cell(doc, p + "/target", name + " 年度指标值", editable);
        pg.Cell(doc, p + "/actual", name + " 实际完成值", editable);
        pg.Cell(doc, p + "/score", name + " 得分", editable);
        auto it = leaves.find(p);
        pg += fmt::format(
            "<td><output data-computed=\"score\" data-for=\"{}\">{}</output></td>", Html(p),
            it == leaves.end() ? "" : Html(ValueText(it->second.value("computed_score", json()))));
        pg.Cell(doc, p + "/deviation", name + " 偏差原因", editable, true);
      } else {
        pg += "<td colspan=\"5\"></td>";
      }
      if (editable) {
        pg += fmt::format(
            "<td class=\"ops\"><button type=\"button\" data-op=\"move-up\" data-pointer=\"{0}\" "
            "aria-label=\"上移 {1}\">↑</button><button type=\"button\" data-op=\"move-down\" "
            "data-pointer=\"{0}\" aria-label=\"下移 {1}\">↓</button>{2}<button type=\"button\" "
            "data-op=\"remove\" data-pointer=\"{0}\" aria-label=\"删除 {1}\">删除</button></td>",
            Html(p), Html(name),
            leaf && depth >= 2
                ? ""
                : fmt::format("<button type=\"button\" data-op=\"add\" data-pointer=\"{}\" "
                              "aria-label=\"在 {} 下新增指标\">＋下级</button>",
                              Html(p), Html(name)));
      }
      pg += "</tr>";
      if (!leaf) tree(node["children"], p + "/children", depth + 1);
    }
  };
  if (doc.contains("evaluation") && doc["evaluation"].contains("indicators")) {
    tree(doc["evaluation"]["indicators"], "/evaluation/indicators", 0);
  }
  pg += "</tbody></table></div><div class=\"grid\">";
  pg.Field(doc, "/evaluation/total_weight", "总分值", editable);
  pg.Field(doc, "/evaluation/total_score", "总得分（填报）", editable);
  pg.Field(doc, "/evaluation/grade", "等级（填报）", editable);
  pg += fmt::format(
      "<div class=\"field\"><span class=\"label\">总得分（计算）</span><output "
      "data-computed=\"total\">{}</output></div>"
      "<div class=\"field\"><span class=\"label\">等级（计算）</span><output "
      "data-computed=\"grade\">{}</output></div>",
      Html(ValueText(score.value("total", json()))), Html(ValueText(score.value("grade", json()))));
  pg += "</div></section>";
}

void ReportSections(Page& pg, const json& doc, bool editable) {
  pg += "<section class=\"part\" id=\"report\"><h2>自评报告</h2><div class=\"grid\">";
  pg.Field(doc, "/report/cover/title", "标题", editable);
  pg.Field(doc, "/report/cover/unit", "单位", editable);
  pg.Field(doc, "/report/cover/date", "日期", editable);
  pg += "</div>";
  std::function<void(const json&, const std::string&)> sections = [&](const json& list,
                                                                      const std::string& base) {
    for (size_t i = 0; i < list.size(); ++i) {
      const json& s = list[i];
      const std::string p = base + "/" + std::to_string(i);
      pg += "<div class=\"section\">";
      pg.Field(doc, p + "/title", fmt::format("{} 标题", s.value("number", "")), editable);
      pg.Field(doc, p + "/text",
               fmt::format("{}{} 正文", s.value("number", ""), s.value("title", "")), editable,
               true);
      if (s.contains("subsections")) sections(s["subsections"], p + "/subsections");
      pg += "</div>";
    }
  };
  if (doc.contains("report") && doc["report"].contains("sections")) {
    sections(doc["report"]["sections"], "/report/sections");
  }
  pg += "</section>";
}

// What a comment may be about: the whole package, the funds' figures, the goals, every leaf
// indicator's actual value, score and deviation reason, every section of the report; each with
// its readable name.
std::vector<std::pair<std::string, std::string>> CommentTargets(const json& doc) {
  std::vector<std::pair<std::string, std::string>> out;
  auto add = [&](const std::string& pointer) {
    if (doc.contains(json::json_pointer(pointer)))
      out.emplace_back(pointer, FieldName(doc, pointer));
  };
  for (const char* key : {"initial_budget", "full_year_budget", "executed", "execution_rate",
                          "score", "basic", "project"}) {
    add(std::string("/evaluation/funds/") + key);
  }
  add("/evaluation/goals/achieved");
  std::function<void(const json&, const std::string&)> leaves = [&](const json& list,
                                                                    const std::string& base) {
    for (size_t i = 0; i < list.size(); ++i) {
      const std::string p = base + "/" + std::to_string(i);
      if (list[i].contains("children") && !list[i]["children"].empty()) {
        leaves(list[i]["children"], p + "/children");
        continue;
      }
      for (const char* key : {"actual", "score", "deviation"}) add(p + "/" + key);
    }
  };
  if (doc.contains(json::json_pointer("/evaluation/indicators"))) {
    leaves(doc.at(json::json_pointer("/evaluation/indicators")), "/evaluation/indicators");
  }
  if (doc.contains(json::json_pointer("/report/sections"))) {
    const json& sections = doc.at(json::json_pointer("/report/sections"));
    for (size_t i = 0; i < sections.size(); ++i)
      add("/report/sections/" + std::to_string(i) + "/text");
  }
  return out;
}

// The share of the fields a unit must fill that are filled, for the completion meter.
std::pair<int, int> Completion(const json& doc) {
  int filled = 0, total = 0;
  auto count = [&](const char* pointer) {
    const json::json_pointer p(pointer);
    ++total;
    if (doc.contains(p) && !doc.at(p).is_null() &&
        !(doc.at(p).is_string() && doc.at(p).get<std::string>().empty())) {
      ++filled;
    }
  };
  for (const char* p :
       {"/unit/name", "/basic_data/staffing/authorized", "/basic_data/staffing/on_payroll",
        "/evaluation/funds/initial_budget", "/evaluation/funds/full_year_budget",
        "/evaluation/funds/executed", "/evaluation/funds/weight", "/evaluation/goals/achieved",
        "/report/cover/title", "/report/cover/date"}) {
    count(p);
  }
  std::function<void(const json&)> leaves = [&](const json& list) {
    for (const json& n : list) {
      if (n.contains("children") && !n["children"].empty()) {
        leaves(n["children"]);
        continue;
      }
      for (const char* key : {"target", "actual", "score"}) {
        ++total;
        if (n.contains(key) && !n[key].is_null() &&
            !(n[key].is_string() && n[key].get<std::string>().empty()))
          ++filled;
      }
    }
  };
  if (doc.contains(json::json_pointer("/evaluation/indicators")))
    leaves(doc.at(json::json_pointer("/evaluation/indicators")));
  return {filled, total};
}

// The editor page's part that depends only on the version (its tables and initial findings).
struct EditorBody {
  DeflatedPiece tables;           // 基础数据表, 自评表 and the report's sections
  DeflatedPiece findings_script;  // the findings as a JSON data block for app.js
  std::string comment_targets;    // the comment form's <option>s: the fields one may comment on
  int filled = 0, total = 0;      // Completion()
};
LruCache<EditorBody>& EditorBodies() {
  static LruCache<EditorBody> cache(256);  // ~100 KB an entry
  return cache;
}

}  // namespace

void App::Impl::Page(const std::string& name, Ctx& c) {
  if (name.rfind("page.public", 0) == 0) return PublicPage(name, c);
  if (name == "page.login") {
    Send(c, 200, "登录",
         "<h1>登录</h1><form id=\"login\" class=\"api narrow\" data-api=\"/api/v1/session\" "
         "data-method=\"POST\" data-next=\"/\"><div class=\"field\"><label "
         "for=\"login-name\">账号</label>"
         "<input id=\"login-name\" name=\"login\" autocomplete=\"username\" required></div>"
         "<div class=\"field\"><label for=\"login-password\">密码</label><input "
         "id=\"login-password\" "
         "name=\"password\" type=\"password\" autocomplete=\"current-password\" required></div>"
         "<button type=\"submit\">登录</button><p class=\"form-error\" role=\"alert\"></p></form>");
    return;
  }
  if (!c.user) {
    c.res.status = 303;
    c.res.set_header("Location", "/login");
    return;
  }
  const store::User& me = *c.user;
  if (name == "page.dashboard") return DashboardPage(c);
  if (name == "page.sample") return SamplePage(c);
  if (name == "page.compare_year") return ComparePage(name, c);
  if (name == "page.home") {
    ::jixiao::server::Page pg;
    pg += fmt::format("<h1>{}</h1>", me.role == Role::kClerk || me.role == Role::kHead
                                         ? "本单位的数据包"
                                         : "收到的数据包");
    store::PackageFilter f;
    if (me.role == Role::kClerk || me.role == Role::kHead) f.unit_id = me.org_id;
    if (me.role == Role::kDeptReviewer) f.department_id = me.org_id;
    if (me.role == Role::kBureau) f.region_id = me.region_id;
    std::vector<store::PackageRow> rows;
    if (me.role != Role::kAdmin) {
      Result<std::vector<store::PackageRow>> r = store->ListPackages(f);
      if (!r.ok()) return StatusError(c, r.status());
      rows = std::move(r).value();
    }
    pg +=
        "<div class=\"table-wrap\"><table "
        "class=\"list\"><thead><tr><th>年度</th><th>单位</th><th>状态</th>"
        "<th>版本</th><th>自评得分</th><th>等级</th><th>执行率</th><th>发现的问题</"
        "th><th>截止日期</th><th>完成度</th>"
        "</tr></thead><tbody>";
    int shown = 0;
    for (const store::PackageRow& r : rows) {
      Result<Loaded> l = Load(r.id);
      if (!l.ok() || !MaySee(c.u(), l->place)) continue;
      ++shown;
      std::string meter;
      if (me.role == Role::kClerk || me.role == Role::kHead) {
        Result<json> head = HeadJson(r);
        if (head.ok()) {
          auto [filled, total] = Completion(*head);
          meter = fmt::format(
              "<meter min=\"0\" max=\"{0}\" value=\"{1}\" aria-label=\"已填 {1}/{0}\"></meter> "
              "{1}/{0}",
              total, filled);
        }
      }
      pg += fmt::format(
          "<tr><td>{}</td><td><a href=\"/packages/{}\">{}</a></td><td>{}</td><td>第 {} "
          "版</td><td>{}</td>"
          "<td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
          r.fiscal_year, r.id,
          Html(r.summary.unit_name.empty() ? l->unit.name : r.summary.unit_name),
          StatusBadge(r.status), r.head_version, Html(r.summary.total), Html(r.summary.grade),
          r.summary.execution_rate.empty() ? "" : Html(r.summary.execution_rate) + "%",
          FindingCounts(r.summary), Html(l->deadline), meter);
    }
    pg += "</tbody></table></div>";
    if (shown == 0) pg += "<p class=\"empty\">还没有数据包。</p>";
    if (me.role == Role::kClerk) {
      pg += "<h2>新建数据包</h2>";
      pg += ApiForm(
          "/api/v1/packages", "POST", "/",
          "<div class=\"field\"><label for=\"new-year\">年度</label><input id=\"new-year\" "
          "name=\"fiscal_year\" data-type=\"int\" inputmode=\"numeric\" required></div>"
          "<div class=\"field\"><label for=\"new-from\">从哪里开始</label><select id=\"new-from\" "
          "name=\"from\"><option "
          "value=\"last_year\">从上年的数据包（结构、指标、目标值沿用）</option>"
          "<option value=\"blank\">空白</option><option "
          "value=\"example\">示例</option></select></div>",
          "新建");
    }
    if (MaySetDeadline(c.u(), me.region_id) && me.role == Role::kBureau) {
      pg += DeadlineForms(store, me.region_id, app->Now());
    }
    Send(c, 200, "我的数据包", pg.html);
    return;
  }
  if (name == "page.admin") {
    if (!MayAdminister(c.u(), me.region_id)) return NotFound(c);
    ::jixiao::server::Page pg;
    pg += "<h1>账号与单位</h1>";
    Result<std::vector<store::User>> users = store->ListUsers(me.region_id);
    Result<std::vector<store::Org>> orgs = store->ListOrgs(me.region_id);
    if (!users.ok()) return StatusError(c, users.status());
    if (!orgs.ok()) return StatusError(c, orgs.status());
    std::map<int64_t, std::string> org_names;
    for (const store::Org& o : *orgs) org_names[o.id] = o.name;
    pg +=
        "<table "
        "class=\"list\"><thead><tr><th>账号</th><th>姓名</th><th>角色</th><th>单位</th></tr></"
        "thead><tbody>";
    for (const store::User& u : *users) {
      pg += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", Html(u.login),
                        Html(u.name), Html(store::RoleName(u.role)), Html(org_names[u.org_id]));
    }
    pg += "</tbody></table><h2>新建账号</h2>";
    std::string orgs_options;
    for (const store::Org& o : *orgs) {
      orgs_options += fmt::format("<option value=\"{}\">{}</option>", o.id, Html(o.name));
    }
    pg +=
        ApiForm("/api/v1/users", "POST", "reload",
                "<div class=\"field\"><label for=\"u-login\">账号</label><input id=\"u-login\" "
                "name=\"login\" required></div>"
                "<div class=\"field\"><label for=\"u-name\">姓名</label><input id=\"u-name\" "
                "name=\"name\" required></div>"
                "<div class=\"field\"><label for=\"u-role\">角色</label><select id=\"u-role\" "
                "name=\"role\">"
                "<option value=\"clerk\">填报人</option><option value=\"head\">单位负责人</option>"
                "<option value=\"dept_reviewer\">主管部门审核</option><option "
                "value=\"bureau\">财政局</option>"
                "<option value=\"admin\">管理员</option></select></div>"
                "<div class=\"field\"><label for=\"u-org\">单位</label><select id=\"u-org\" "
                "name=\"org_id\" data-type=\"int\">" +
                    orgs_options + "</select></div>",
                "新建账号（密码会显示一次）");
    pg += DeadlineForms(store, me.region_id, app->Now());
    Send(c, 200, "账号与单位", pg.html);
    return;
  }
  // Package pages.
  const int64_t id = PathId(c.req, 1);
  Result<Loaded> loaded = id > 0 ? LoadFirst(c, id) : Result<Loaded>(Status::NotFound("package"));
  if (!loaded.ok()) {
    if (loaded.status().code() == Status::Code::kNotFound) return NotFound(c);
    return StatusError(c, loaded.status());
  }
  const Loaded& l = *loaded;
  if (Decide(c.u(), l.place, Action::kView) != Answer::kAllow) return NotFound(c);
  if (name == "page.spot_check") return SpotCheckPage(c, l);
  if (name == "page.compare_unit") return ComparePage(name, c);
  const bool editable = Decide(c.u(), l.place, Action::kEdit) == Answer::kAllow;
  // The head version as the engine sees it (parsed and evaluated once per version and process).
  const std::string& region_rulebook = l.region_rulebook;
  Result<EvaluatedPtr> evaluated = VersionEvaluated(l, l.row.head_version);
  if (!evaluated.ok()) return StatusError(c, evaluated.status());
  const json* head = &(*evaluated)->doc;
  const std::string unit_name =
      l.row.summary.unit_name.empty() ? l.unit.name : l.row.summary.unit_name;
  const std::string title = fmt::format("{} {}年度", unit_name, l.row.fiscal_year);
  ::jixiao::server::Page pg;
  pg += fmt::format(
      "<nav class=\"crumbs\" aria-label=\"数据包\"><a href=\"/packages/{0}\">填报</a> <a "
      "href=\"/packages/{0}/history\">历史</a> {1}"
      "<a href=\"/api/v1/packages/{0}/documents/docx\">Word</a> <a "
      "href=\"/api/v1/packages/{0}/documents/xlsx\">Excel</a> "
      "<a href=\"/api/v1/packages/{0}/documents/pdf\">PDF</a> <a "
      "href=\"/api/v1/packages/{0}/documents/html\">HTML</a> <a "
      "href=\"/packages/{0}/compare\">历年比较</a></nav>",
      l.row.id, editable ? fmt::format("<a href=\"/packages/{}/import\">导入</a>", l.row.id) : "");
  pg += fmt::format("<h1>{} {}</h1>", Html(title), StatusBadge(l.row.status));
  if (name == "page.import") {
    if (!editable) {
      pg += "<p>数据包当前状态下不能导入。</p>";
    } else {
      pg += fmt::format(
          "<h2>导入 Word、Excel "
          "或文本</"
          "h2><p>"
          "上传单位已有的自评材料。导入前会列出识别到的内容和没有放进表格的每一行、每一段，确认后才"
          "保存为新版本。</p>"
          "<form id=\"import\" data-package=\"{}\" data-version=\"{}\"><div class=\"field\"><label "
          "for=\"import-file\">文件</label>"
          "<input id=\"import-file\" type=\"file\" name=\"file\" "
          "accept=\".docx,.xlsx,.txt,.doc,.xls,.json\"></div>"
          "<button type=\"submit\">预览</button><p class=\"form-error\" role=\"alert\"></p></form>"
          "<section id=\"import-preview\" aria-live=\"polite\"></section>",
          l.row.id, l.row.head_version);
    }
    Send(c, 200, "导入 · " + title, pg.html);
    return;
  }
  if (name == "page.history") {
    Result<std::vector<store::Version>> versions = store->ListVersions(l.row.id);
    Result<std::vector<store::Event>> events = store->ListEvents(l.row.id);
    if (!versions.ok()) return StatusError(c, versions.status());
    if (!events.ok()) return StatusError(c, events.status());
    if (c.req.has_param("from") && c.req.has_param("to")) {
      const int64_t from = std::atoll(c.req.get_param_value("from").c_str());
      const int64_t to = std::atoll(c.req.get_param_value("to").c_str());
      Result<store::Version> a = store->GetVersion(l.row.id, from);
      Result<store::Version> b = store->GetVersion(l.row.id, to);
      if (a.ok() && b.ok()) {
        const json diff = DiffPackages(json::parse(a->json), json::parse(b->json));
        pg += fmt::format("<section id=\"compare\"><h2>第 {} 版与第 {} 版的差别</h2>", from, to);
        pg +=
            "<table "
            "class=\"list\"><thead><tr><th>字段</th><th>之前</th><th>之后</th></tr></thead><tbody>";
        for (const json& ch : diff) {
          pg +=
              fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td></tr>", Html(ch.value("field", "")),
                          Html(ch.value("before", "")), Html(ch.value("after", "")));
        }
        if (diff.empty()) pg += "<tr><td colspan=\"3\">没有差别</td></tr>";
        pg += "</tbody></table></section>";
      }
    }
    pg +=
        "<h2>版本</h2><form method=\"get\" class=\"inline\"><label for=\"cmp-from\">比较第</label>"
        "<input id=\"cmp-from\" name=\"from\" inputmode=\"numeric\" size=\"3\"><label "
        "for=\"cmp-to\">版与第</label>"
        "<input id=\"cmp-to\" name=\"to\" inputmode=\"numeric\" size=\"3\"><span>版</span><button "
        "type=\"submit\">比较</button></form>";
    pg +=
        "<div class=\"table-wrap\"><table "
        "class=\"list\"><thead><tr><th>版本</th><th>保存人</th><th>时间</th><th>说明</th>"
        "<th>改动</th><th></th></tr></thead><tbody>";
    for (const store::Version& v : *versions) {
      json changes = json::parse(v.changes.empty() ? "[]" : v.changes, nullptr, false);
      std::string list;
      if (changes.is_array()) {
        size_t n = 0;
        for (const json& ch : changes) {
          if (++n > 8) {
            list += fmt::format("<li>……共 {} 处</li>", changes.size());
            break;
          }
          list += fmt::format("<li>{}：{} → {}</li>", Html(ch.value("field", "")),
                              Html(ch.value("before", "")), Html(ch.value("after", "")));
        }
      }
      std::string restore;
      if (editable && v.number != l.row.head_version) {
        restore = ApiForm(
            fmt::format("/api/v1/packages/{}/versions/{}/restore", l.row.id, v.number), "POST",
            fmt::format("/packages/{}", l.row.id),
            fmt::format(
                "<input type=\"hidden\" name=\"base_version\" data-type=\"int\" value=\"{}\">",
                l.row.head_version),
            "恢复为新版本", "inline");
      }
      pg += fmt::format(
          "<tr><td>第 {} 版</td><td>{}</td><td>{}</td><td>{}</td><td><ul "
          "class=\"changes\">{}</ul></td><td>{}</td></tr>",
          v.number, Html(v.author_name), BeijingTime(v.created_ms), Html(v.note), list, restore);
    }
    pg +=
        "</tbody></table></div><h2>流转记录</h2><div class=\"table-wrap\"><table "
        "class=\"list\"><thead><tr><th>时间</th><th>操作人</th><th>操作</th>"
        "<th>状态</th><th>版本</th><th>意见</th></tr></thead><tbody>";
    static const std::map<std::string, std::string> kActions = {
        {"create", "新建"},     {"save", "保存"},       {"restore", "恢复"}, {"import", "导入"},
        {"submit", "提交"},     {"return", "退回"},     {"forward", "转报"}, {"accept", "通过"},
        {"attach", "上传佐证"}, {"detach", "删除佐证"}, {"comment", "意见"}};
    for (const store::Event& e : *events) {
      auto from = store::StatusFromKey(e.from_status);
      auto to = store::StatusFromKey(e.to_status);
      auto action = kActions.find(e.action);
      pg += fmt::format(
          "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
          BeijingTime(e.at_ms), Html(e.user_name),
          Html(action == kActions.end() ? e.action : action->second),
          from && to && *from != *to
              ? fmt::format("{} → {}", store::StatusName(*from), store::StatusName(*to))
              : "",
          e.version > 0 ? fmt::format("第 {} 版 <code title=\"{}\">{}</code>", e.version,
                                      Html(e.version_hash), Html(e.version_hash.substr(0, 12)))
                        : "",
          Html(e.comment));
    }
    pg += "</tbody></table></div>";
    Send(c, 200, "历史 · " + title, pg.html);
    return;
  }
  // page.package: the editor (read-only for those who may not edit).
  const Evaluation& e = (*evaluated)->evaluation;
  // The three tables and the initial findings depend only on the version, the rulebook and
  // whether the fields are editable: written once, then served from memory.
  const std::string body_key =
      fmt::format("{}\n{}\n{}", (*evaluated)->sha256, region_rulebook, editable ? 1 : 0);
  std::shared_ptr<const EditorBody> body = EditorBodies().Get(body_key);
  if (!body) {
    auto made = std::make_shared<EditorBody>();
    ::jixiao::server::Page tables;
    BasicDataTables(tables, *head, editable, l.row.fiscal_year);
    EvaluationTables(tables, *head, json::parse(e.score_json), editable);
    ReportSections(tables, *head, editable);
    made->tables = Deflate(std::move(tables.html));
    // The initial findings, as data for app.js (a JSON script block is not executed).
    std::string findings = (*evaluated)->evaluation.diagnostics_json;
    for (size_t i = 0; (i = findings.find("</", i)) != std::string::npos;)
      findings.replace(i, 2, "<\\/");
    made->findings_script = Deflate("<script type=\"application/json\" id=\"initial-findings\">" +
                                    findings + "</script>");
    std::tie(made->filled, made->total) = Completion(*head);
    for (const auto& [pointer, label] : CommentTargets(*head)) {
      made->comment_targets +=
          fmt::format("<option value=\"{}\">{}</option>", Html(pointer), Html(label));
    }
    EditorBodies().Put(body_key, made);
    body = std::move(made);
  }
  const int filled = body->filled, total = body->total;
  // The page is the tables (kept compressed, not copied in) and some 20 KB around them: grown
  // once, not doubled along the way.
  pg.html.reserve(pg.html.size() + body->comment_targets.size() + 32768);
  pg += fmt::format(
      "<div class=\"summary\"><p>第 <span id=\"head-version\">{}</span> 版 · 自评得分 <output "
      "id=\"sum-total\">{}</output> · 等级 "
      "<output id=\"sum-grade\">{}</output> · 执行率 <output id=\"sum-rate\">{}</output>% · "
      "{}{}</p>"
      "<p>完成度 <meter min=\"0\" max=\"{}\" value=\"{}\"></meter> {}/{} · 未解决的问题 {} "
      "条</p></div>",
      l.row.head_version, Html(e.summary.total), Html(e.summary.grade),
      Html(e.summary.execution_rate), FindingCounts(e.summary),
      !l.deadline.empty() ? fmt::format(" · 截止日期 {}", Html(l.deadline)) : "", total, filled,
      filled, total, e.summary.findings[0] + e.summary.findings[1]);
  // Workflow actions for this user.
  std::string actions;
  auto action_form = [&](Action a, const std::string& key, const std::string& button,
                         bool needs_comment) {
    if (Decide(c.u(), l.place, a) != Answer::kAllow) return;
    actions += ApiForm(
        fmt::format("/api/v1/packages/{}/{}", l.row.id, key), "POST", "reload",
        fmt::format("<input type=\"hidden\" name=\"version\" data-type=\"int\" value=\"{}\">"
                    "<div class=\"field\"><label for=\"c-{}\">{}</label><textarea id=\"c-{}\" "
                    "name=\"comment\" rows=\"2\"{}></textarea></div>",
                    l.row.head_version, key, needs_comment ? "审核意见（必填）" : "说明（可选）",
                    key, needs_comment ? " required" : ""),
        button, "workflow");
  };
  action_form(Action::kSubmit, "submit", "审核通过并提交", false);
  action_form(Action::kForward, "forward", "审核通过，转报财政局", false);
  action_form(Action::kAccept, "accept", "审核通过", false);
  action_form(Action::kReturn, "return", "退回修改", true);
  action_form(Action::kPublish, "publish", "公开", false);
  action_form(Action::kUnpublish, "unpublish", "撤回公开", false);
  if (PubliclyVisible(l.row.status)) {
    actions +=
        fmt::format("<p>已在<a href=\"/public/packages/{}\">公开网站</a>上公开。</p>", l.row.id);
  }
  if (!actions.empty())
    pg += "<section class=\"actions\" aria-label=\"审核与提交\"><h2>审核与提交</h2>" + actions +
          "</section>";
  pg += fmt::format(
      "<div class=\"editor-layout\"><form id=\"editor\" data-package=\"{}\" data-version=\"{}\" "
      "data-editable=\"{}\">",
      l.row.id, l.row.head_version, editable ? 1 : 0);
  if (editable) {
    pg +=
        "<div class=\"toolbar\"><button id=\"save\" type=\"button\">保存</button><p "
        "id=\"save-status\" role=\"status\"></p></div>";
  }
  pg += body->tables;
  pg +=
      "</form><aside id=\"findings\" aria-live=\"polite\" "
      "aria-label=\"发现的问题\"><h2>发现的问题</h2>"
      "<p id=\"findings-count\"></p><ul id=\"findings-list\"></ul></aside></div>";
  pg += body->findings_script;
  // Comments and evidence, read together.
  Result<store::Store::Annotations> annotations = AnnotationsFirst(c, l.row.id);
  pg += "<section id=\"comments\"><h2>审核意见与答复</h2>";
  // The comments on fields, not yet resolved: what the unit is asked to fix, field by field
  // (app.js also shows each beside its field).
  json on_fields = json::array();
  std::string to_fix;
  if (annotations.ok()) {
    for (const store::Comment& cm : annotations->comments) {
      if (cm.target.empty() || cm.resolved || cm.reply_to) continue;
      on_fields.push_back({{"pointer", cm.target},
                           {"text", cm.body},
                           {"by", std::string(store::RoleName(cm.author_role))}});
      to_fix += fmt::format("<li><a href=\"#{}\">{}</a>：{}</li>", FieldId(cm.target),
                            Html(FieldName(*head, cm.target)), Html(cm.body));
    }
  }
  if (!to_fix.empty()) {
    pg += "<div class=\"to-fix\"><h3>需要修改的字段</h3><ul>" + to_fix + "</ul></div>";
  }
  pg += "<ul class=\"comments\">";
  if (annotations.ok()) {
    for (const store::Comment& cm : annotations->comments) {
      pg += fmt::format(
          "<li class=\"comment{}\"><p class=\"meta\">{}（{}）· {} · 第 {} 版{}</p><p>{}</p></li>",
          cm.reply_to ? " reply" : "", Html(cm.author_name), Html(store::RoleName(cm.author_role)),
          BeijingTime(cm.at_ms), cm.version,
          cm.target.empty() ? ""
                            : fmt::format(" · <a href=\"#{}\">{}</a>", FieldId(cm.target),
                                          Html(FieldName(*head, cm.target))),
          Html(cm.body));
    }
  }
  pg += "</ul>";
  const std::string options = "<option value=\"\">整个数据包</option>" + body->comment_targets;
  pg += ApiForm(fmt::format("/api/v1/packages/{}/comments", l.row.id), "POST", "reload",
                "<div class=\"field\"><label for=\"comment-target\">针对</label><select "
                "id=\"comment-target\" name=\"target\">" +
                    options +
                    "</select></div><div class=\"field\"><label "
                    "for=\"comment-body\">写意见或答复</label><textarea "
                    "id=\"comment-body\" name=\"body\" rows=\"3\" required></textarea></div>",
                "发表");
  std::string comments_json = on_fields.dump(-1, ' ', false, json::error_handler_t::replace);
  for (size_t i = comments_json.find("</"); i != std::string::npos;
       i = comments_json.find("</", i + 3)) {
    comments_json.replace(i, 2, "<\\/");
  }
  pg += "<script type=\"application/json\" id=\"field-comments\">" + comments_json + "</script>";
  pg += "</section>";
  pg += "<section id=\"evidence\"><h2>佐证材料</h2><ul>";
  if (annotations.ok()) {
    for (const store::Attachment& a : annotations->attachments) {
      pg += fmt::format(
          "<li><a href=\"/api/v1/packages/{}/attachments/{}\">{}</a> · {} · {} 字节</li>", l.row.id,
          a.id, Html(a.name), Html(a.target.empty() ? "整个数据包" : FieldName(*head, a.target)),
          a.size);
    }
  }
  pg += "</ul>";
  if (editable) {
    pg += fmt::format(
        "<form class=\"api\" data-api=\"/api/v1/packages/{}/attachments\" data-method=\"POST\" "
        "data-body=\"multipart\" data-next=\"reload\">"
        "<div class=\"field\"><label "
        "for=\"ev-file\">文件（PDF、图片、Word、Excel、OFD）</label><input id=\"ev-file\" "
        "type=\"file\" name=\"file\" required></div>"
        "<div class=\"field\"><label for=\"ev-target\">对应的指标或章节（JSON "
        "指针，可空）</label><input id=\"ev-target\" name=\"target\"></div>"
        "<button type=\"submit\">上传</button><p class=\"form-error\" role=\"alert\"></p></form>",
        l.row.id);
  }
  pg += "</section>";
  pg += RectificationSection(
      c, l, *head,
      annotations.ok() && annotations->rectifications ? &*annotations->rectifications : nullptr);
  SendPage(c, 200, title, pg);
}

}  // namespace jixiao::server
