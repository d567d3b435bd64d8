// RenderDocument helpers (see document.h).
#include "render/document.h"

#include "base/lang.h"

namespace jixiao {

const std::string& FontRole::chosen() const {
  static const std::string kNone;
  if (!family.empty()) return family;
  return families.empty() ? kNone : families.front();
}

bool FontLooksSans(std::string_view family) {
  for (std::string_view mark : {"黑", "Hei", "hei", "Sans", "sans", "Gothic", "雅黑"}) {
    if (family.find(mark) != std::string_view::npos) return true;
  }
  return false;
}

bool HasCover(const RenderDocument& doc) {
  return !doc.cover.title_lines.empty() || !doc.cover.details.empty();
}

bool CoverInBody(const RenderDocument& doc) {
  for (const Block& block : doc.body) {
    if (block.kind == Block::Kind::kCover) return true;
  }
  return false;
}

Status CheckChartData(const Chart& chart) {
  const std::string& name = chart.id.empty() ? chart.title : chart.id;
  if (chart.categories.empty()) {
    return Status::InvalidArgument(TrF("图表 {}：没有类别", "chart {}: no category", name));
  }
  for (const Chart::Series& s : chart.series) {
    if (s.values.size() != chart.categories.size()) {
      return Status::InvalidArgument(TrF("图表 {}：系列 {} 有 {} 个数值，而类别有 {} 个",
                                         "chart {}: series {} has {} values for {} categories",
                                         name, s.name, s.values.size(), chart.categories.size()));
    }
  }
  return Status::Ok();
}

unsigned ChartSeriesRgb(size_t series) {
  constexpr unsigned kPalette[] = {0x1F4E79, 0x8FAADC, 0xBF9000, 0x595959, 0x2E7D6F, 0x9E480E};
  return kPalette[series % (sizeof(kPalette) / sizeof(kPalette[0]))];
}

}  // namespace jixiao
