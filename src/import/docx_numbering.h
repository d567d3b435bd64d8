// Word's automatic list numbering, as a reader sees it: the labels ("一、", "（二）", "1.2",
// "①") that Word draws in front of numbered paragraphs but that are not in the paragraphs'
// text. Reports often number their 一、/（一） headings this way; without the labels the
// recognizer could not find the sections.
//
// What is read:
//   - word/numbering.xml: w:abstractNum levels (w:start, w:numFmt, w:lvlText, w:isLgl,
//     w:lvlRestart, w:suff, w:pStyle), w:abstractNum/w:numStyleLink (one numbering style
//     pointing at another list), and w:num instances with w:lvlOverride (w:startOverride or
//     a whole w:lvl).
//   - word/styles.xml: paragraph styles' w:numPr through their w:basedOn chain, the default
//     paragraph style, and numbering styles (for w:numStyleLink).
//   - Element and attribute names are matched by local name (the prefix is not resolved).
//
// How labels are counted (as Word does): instances of the same abstract list continue one
// another unless they override a level; numbering a paragraph at level L advances L's counter
// (from w:start the first time) and restarts the deeper levels (w:lvlRestart can say after
// which level a level restarts, 0 = never). "%n" in w:lvlText is level n's counter in level
// n's format, or in decimal when the level is w:isLgl. The label is followed by what w:suff
// says: a tab (the default), a space or nothing.
//
// Formats: decimal, decimalZero, decimalFullWidth(2), decimalHalfWidth, decimalEnclosedCircle
// (Chinese), decimalEnclosedParen, decimalEnclosedFullstop, chineseCounting(Thousand),
// taiwaneseCounting(Thousand), japaneseCounting, ideographLegalTraditional,
// chineseLegalSimplified, ideographDigital, taiwaneseDigital, japaneseDigitalTenThousand,
// ideographTraditional (甲乙丙), ideographZodiac (子丑寅), ideographEnclosedCircle (㈠),
// lower/upperLetter, lower/upperRoman, none. Formats without such a rendering (ordinal,
// cardinalText, custom, …) give decimal; numbers a format cannot write (㉑, a Roman 4,000)
// give decimal too. Bullets give no label: their symbols are pictures, not text.
//
// Untrusted input: malformed XML is an error naming the part and byte offset; anything
// well-formed gives labels or none, never a crash (levels 0–8 only, w:start clamped to
// 0–32767, style and numbering-style chains followed at most 16 steps).
//
// Not thread-safe: a DocxNumbering holds the counters of one walk over one document.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"

namespace jixiao {

// What a paragraph's own w:pPr says about numbering: its w:pStyle and w:numPr.
struct ParagraphNumbering {
  std::string style;          // w:pStyle/@w:val, "" when absent
  std::optional<int> num_id;  // w:numPr/w:numId/@w:val (0 = numbering removed)
  std::optional<int> level;   // w:numPr/w:ilvl/@w:val
};

class DocxNumbering {
 public:
  // Reads numbering.xml and styles.xml (either may be empty: absent from the package).
  // `file` and the part names are for messages. Errors: Corruption
  // "<file>: word/numbering.xml: byte 120: Start-end tags mismatch" for malformed XML.
  static Result<DocxNumbering> Parse(const std::string& file, std::string numbering_xml,
                                     const std::string& numbering_part, std::string styles_xml,
                                     const std::string& styles_part);

  // True when the document defines no numbered list (Next always gives "").
  bool empty() const { return nums_.empty(); }

  // The label Word shows in front of the next paragraph with these properties, suffix
  // included ("一、\t"), and advances the counters; "" for a paragraph that is not numbered,
  // whose list or level is undefined, or whose level is a bullet.
  //
  // Example: with a list whose level 0 is chineseCounting "%1、" and level 1 is
  // chineseCounting "（%1）" with w:suff "nothing", paragraphs at levels 0, 1, 1, 0, 1 get
  // "一、\t", "（一）", "（二）", "二、\t", "（一）".
  std::string Next(const ParagraphNumbering& paragraph);

  // Writes `n` in a w:numFmt ("chineseCounting", 12 → "十二"). Exposed for tests.
  static std::string Format(int64_t n, const std::string& format);

  static constexpr int kLevels = 9;

 private:
  struct Level {
    bool defined = false;
    int start = 1;
    std::string format = "decimal";
    std::string text;
    bool legal = false;
    int restart = -1;  // w:lvlRestart: -1 default, 0 never, n after level n (1-based)
    std::string suffix = "\t";
    std::string style;  // w:pStyle: the paragraph style linked to this level
  };
  using Levels = std::array<Level, kLevels>;
  struct Abstract {
    Levels levels;
    std::string num_style_link;
  };
  struct Num {
    int abstract_id = -1;
    std::array<std::optional<int>, kLevels> start_override;
    std::array<std::optional<Level>, kLevels> level_override;
    bool overrides = false;
  };
  struct Style {
    std::string based_on;
    std::optional<int> num_id;
    std::optional<int> level;
  };
  struct Counters {
    std::array<int64_t, kLevels> value{};
    std::array<bool, kLevels> used{};
  };

  // The abstract list a num draws its levels from, numbering-style links followed; *id is set
  // to its w:abstractNumId.
  const Abstract* AbstractOf(const Num& num, int* id) const;
  // The num and level of a paragraph style, through w:basedOn.
  void StyleNumbering(const std::string& style, std::optional<int>* num_id,
                      std::optional<int>* level) const;

  std::map<int, Abstract> abstracts_;
  std::map<int, Num> nums_;
  std::map<std::string, Style> styles_;  // paragraph and numbering styles by w:styleId
  std::string default_style_;
  std::map<std::string, Counters> counters_;  // by list: "a<abstractNumId>" or "n<numId>"
};

}  // namespace jixiao
