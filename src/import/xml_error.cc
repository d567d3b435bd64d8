// pugixml's parse statuses in Chinese; its own English descriptions otherwise.
#include "import/xml_error.h"

#include "base/lang.h"

namespace jixiao {

std::string XmlErrorText(const pugi::xml_parse_result& result) {
  if (!MessagesInChinese()) return result.description();
  switch (result.status) {
    case pugi::status_ok:
      return "没有错误";
    case pugi::status_out_of_memory:
      return "内存不足";
    case pugi::status_unrecognized_tag:
      return "无法识别的标记";
    case pugi::status_bad_pi:
      return "处理指令有误";
    case pugi::status_bad_comment:
      return "注释有误";
    case pugi::status_bad_cdata:
      return "CDATA 段有误";
    case pugi::status_bad_doctype:
      return "文档类型声明有误";
    case pugi::status_bad_pcdata:
      return "文本内容有误";
    case pugi::status_bad_start_element:
      return "开始标记有误";
    case pugi::status_bad_attribute:
      return "属性有误";
    case pugi::status_bad_end_element:
      return "结束标记有误";
    case pugi::status_end_element_mismatch:
      return "开始标记与结束标记不匹配";
    case pugi::status_no_document_element:
      return "没有根元素";
    default:
      return std::string("XML 有误（") + result.description() + "）";
  }
}

}  // namespace jixiao
