// Table grids (table_grid.h).
#include "render/table_grid.h"

#include <algorithm>

#include "base/lang.h"

namespace jixiao {
namespace {

Status Invalid(const std::string& where, const std::string& what) {
  return Status::InvalidArgument(TrF("{}：{}", "{}: {}", where, what));
}

}  // namespace

std::string TableName(const RenderDocument& doc, size_t t) {
  const std::string& id = doc.tables[t].id;
  return id.empty() ? TrF("表 {}", "table {}", t + 1)
                    : TrF("表 {}（{}）", "table {} ({})", t + 1, id);
}

std::string ChartName(const RenderDocument& doc, size_t c) {
  const std::string& id = doc.charts[c].id;
  return id.empty() ? TrF("图表 {}", "chart {}", c + 1)
                    : TrF("图表 {}（{}）", "chart {} ({})", c + 1, id);
}

Status BuildTableGrid(const RenderDocument& doc, size_t t, Grid* grid) {
  const RenderTable& table = doc.tables[t];
  const std::string name = TableName(doc, t);
  grid->rows = static_cast<int>(table.rows.size());
  grid->columns = table.rows.empty() ? static_cast<int>(table.column_widths.size())
                                     : static_cast<int>(table.rows[0].cells.size());
  if (!table.column_widths.empty() &&
      table.column_widths.size() != static_cast<size_t>(grid->columns)) {
    return Invalid(name, TrF("有 {} 个列宽，而网格有 {} 列", "{} column widths for {} grid columns",
                             table.column_widths.size(), grid->columns));
  }
  for (size_t r = 0; r < table.rows.size(); ++r) {
    if (table.rows[r].cells.size() != static_cast<size_t>(grid->columns)) {
      return Invalid(TrF("{}，第 {} 行", "{}, row {}", name, r + 1),
                     TrF("有 {} 个单元格，而网格有 {} 列", "{} cells where the grid has {} columns",
                         table.rows[r].cells.size(), grid->columns));
    }
  }
  grid->owner.assign(static_cast<size_t>(grid->rows) * grid->columns, -1);
  const auto where = [&](int r, int c) {
    return TrF("{}，第 {} 行第 {} 列", "{}, row {}, column {}", name, r + 1, c + 1);
  };
  for (int r = 0; r < grid->rows; ++r) {
    for (int c = 0; c < grid->columns; ++c) {
      const TableCell& cell = table.rows[r].cells[c];
      const int self = r * grid->columns + c;
      if (cell.covered) {
        if (grid->owner[self] < 0)
          return Invalid(where(r, c), std::string(Tr("标为被合并，但没有合并区域覆盖它",
                                                     "covered, but no merge covers it")));
        continue;
      }
      if (grid->owner[self] >= 0) {
        const int o = grid->owner[self];
        return Invalid(where(r, c),
                       TrF("位于第 {} 行第 {} 列起的合并区域内，却未标为被合并",
                           "not marked covered, but inside the merge at row {}, column {}",
                           o / grid->columns + 1, o % grid->columns + 1));
      }
      if (cell.row_span < 1 || cell.column_span < 1 || r + cell.row_span > grid->rows ||
          c + cell.column_span > grid->columns) {
        return Invalid(where(r, c),
                       TrF("{} 行 × {} 列的合并区域超出 {} × {} 的网格",
                           "a merge of {} rows × {} columns does not fit the {} × {} grid",
                           cell.row_span, cell.column_span, grid->rows, grid->columns));
      }
      for (int dr = 0; dr < cell.row_span; ++dr) {
        for (int dc = 0; dc < cell.column_span; ++dc) {
          const int pos = (r + dr) * grid->columns + c + dc;
          if (grid->owner[pos] >= 0) {
            const int o = grid->owner[pos];
            return Invalid(where(r, c), TrF("其合并区域与第 {} 行第 {} 列起的合并区域重叠",
                                            "its merge overlaps the merge at row {}, column {}",
                                            o / grid->columns + 1, o % grid->columns + 1));
          }
          if (pos != self && !table.rows[r + dr].cells[c + dc].covered) {
            return Invalid(
                where(r + dr, c + dc),
                TrF("位于第 {} 行第 {} 列起的合并区域内，却未标为被合并",
                    "not marked covered, but inside the merge at row {}, column {}", r + 1, c + 1));
          }
          grid->owner[pos] = self;
        }
      }
    }
  }
  return Status();
}

bool CutBefore(const Grid& grid, int r) {
  for (int c = 0; c < grid.columns; ++c) {
    if (grid.at(r, c) / grid.columns != r) return false;
  }
  return true;
}

std::vector<TablePart> TableParts(const RenderTable& table, const Grid& grid) {
  std::vector<TablePart> parts;
  parts.push_back({0, grid.rows, std::clamp(table.header_rows, 0, grid.rows)});
  for (const RowHeading& h : table.row_headings) {
    if (h.first <= parts.back().first || h.first >= grid.rows || !CutBefore(grid, h.first)) {
      continue;
    }
    parts.back().end = h.first;
    parts.back().header_end = std::min(parts.back().header_end, h.first);
    parts.push_back({h.first, grid.rows, std::min(grid.rows, h.first + std::max(0, h.count))});
  }
  return parts;
}

}  // namespace jixiao
