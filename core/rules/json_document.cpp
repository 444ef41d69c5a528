#include "core/rules/json_document.hpp"

#include <algorithm>
#include <cctype>
#include <deque>
#include <unordered_set>
#include <vector>

#include "core/errors.hpp"
#include "core/errors/catalogue.hpp"

namespace motiv {

std::string json_pointer_join(const std::string& base, std::string_view token) {
    std::string out = base + "/";
    for (char c : token) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

std::string json_pointer_join(const std::string& base, std::size_t index) { return base + "/" + std::to_string(index); }

std::string json_type_name(const nlohmann::ordered_json& j) { return json_type_name(j.type()); }
std::string json_type_name(const nlohmann::json& j) { return json_type_name(j.type()); }

std::string json_type_name(nlohmann::json::value_t type) {
    using vt = nlohmann::json::value_t;
    switch (type) {
        case vt::null: return "null";
        case vt::boolean: return "a boolean";
        case vt::string: return "a string";
        case vt::object: return "an object";
        case vt::array: return "an array";
        default: return "a number";
    }
}

namespace {

using json = nlohmann::ordered_json;

// Builds the DOM; keeps float literals as text, catches duplicate keys and excessive depth.
class ExactDomBuilder : public nlohmann::json_sax<json> {
public:
    ExactDomBuilder(std::string source) : source_(std::move(source)) {}

    bool null() override { return put(json(nullptr)); }
    bool boolean(bool v) override { return put(json(v)); }
    bool number_integer(number_integer_t v) override { return put(json(v)); }
    bool number_unsigned(number_unsigned_t v) override { return put(json(v)); }
    bool number_float(number_float_t, const string_t& s) override {
        std::string p;
        place(json(s), p);
        if (number_texts_) number_texts_->insert(std::move(p));
        return true;
    }
    bool string(string_t& v) override { return put(json(std::move(v))); }
    bool binary(binary_t&) override { return put(json(nullptr)); }

    bool start_object(std::size_t) override { return open(json::object()); }
    bool end_object() override { return close(); }
    bool start_array(std::size_t) override { return open(json::array()); }
    bool end_array() override { return close(); }

    bool key(string_t& k) override {
        Level& top = stack_.back();
        duplicate_ = !top.keys.insert(k).second;
        if (duplicate_) {
            issues_.add(Issue{.id = err::rule_duplicate_key, .file = source_, .pointer = json_pointer_join(top.pointer, k), .message = "duplicate key '" + k + "': each name may appear once"});
        }
        key_ = std::move(k);
        return true;
    }

    bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex) override {
        error_position_ = position;
        error_message_ = ex.what();
        return false;
    }

    json result;
    IssueCollector<RuleError> issues_;
    std::size_t error_position_ = 0;
    std::string error_message_;
    std::set<std::string>* number_texts_ = nullptr;  // pointers of the number literals kept as text
    bool too_deep_ = false;
    std::string too_deep_pointer_;

private:
    struct Level {
        json* node;
        std::string pointer;
        // The object's keys so far. nlohmann's ordered_map finds a key by a linear scan, so asking
        // it (contains, operator[]) for every key made an object of n keys cost n^2: a 4 MiB file of
        // short keys took hours.
        std::unordered_set<std::string> keys;
    };

    json* place(json&& v, std::string& pointer) {
        if (stack_.empty()) {
            result = std::move(v);
            pointer = "";
            return &result;
        }
        Level& top = stack_.back();
        if (top.node->is_array()) {
            pointer = json_pointer_join(top.pointer, top.node->size());
            top.node->push_back(std::move(v));
            return &top.node->back();
        }
        pointer = json_pointer_join(top.pointer, key_);
        if (duplicate_) {
            // Reported in key(), so the document is refused: keep the value aside (a deque never
            // moves its elements, and an object or array here is still being filled).
            discarded_.push_back(std::move(v));
            return &discarded_.back();
        }
        // A new key (key() checked): append without ordered_map's linear search.
        auto& items = static_cast<json::object_t::Container&>(*top.node->get_ptr<json::object_t*>());
        items.emplace_back(std::move(key_), std::move(v));
        return &items.back().second;
    }

    bool put(json&& v) {
        std::string p;
        place(std::move(v), p);
        return true;
    }

    bool open(json&& v) {
        if (stack_.size() >= kMaxJsonDepth) {
            too_deep_ = true;
            // Where the first level too many starts, so the message names the place.
            const Level& top = stack_.back();
            too_deep_pointer_ = top.node->is_array() ? json_pointer_join(top.pointer, top.node->size()) : json_pointer_join(top.pointer, key_);
            return false;
        }
        std::string p;
        json* node = place(std::move(v), p);
        stack_.push_back(Level{node, p, {}});
        return true;
    }

    bool close() {
        stack_.pop_back();
        return true;
    }

    std::string source_;
    std::vector<Level> stack_;
    std::string key_;
    bool duplicate_ = false;       // key_ is already in the object being read
    std::deque<json> discarded_;   // values of duplicate keys
};

// 1-based line and column of a byte offset (nlohmann reports the offset past the bad character).
std::pair<std::size_t, std::size_t> line_col(std::string_view text, std::size_t byte) {
    std::size_t line = 1, col = 1;
    const std::size_t end = byte == 0 ? 0 : std::min(byte - 1, text.size());
    for (std::size_t i = 0; i < end; ++i) {
        if (text[i] == '\n') {
            ++line;
            col = 1;
        } else {
            ++col;
        }
    }
    return {line, col};
}

}  // namespace

nlohmann::ordered_json parse_json_exact(std::string_view text, const std::string& source, std::set<std::string>* number_texts,
                                        std::size_t max_bytes) {
    if (text.size() > max_bytes) {
        throw RuleError({Issue{.id = err::rule_file_too_large, .file = source, .message = "rule file too large: " + std::to_string(text.size()) + " bytes, the limit is " + std::to_string(max_bytes)}});
    }
    ExactDomBuilder builder(source);
    builder.number_texts_ = number_texts;
    const bool ok = json::sax_parse(text.begin(), text.end(), &builder, json::input_format_t::json, true, true);
    if (!ok) {
        if (builder.too_deep_) {
            // The place goes in the message, not the pointer field: nothing at that pointer was read.
            throw RuleError({Issue{.id = err::rule_too_deep, .file = source, .message = "JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels (the level too many starts at " +
                                       (builder.too_deep_pointer_.empty() ? std::string("/") : builder.too_deep_pointer_) + ")"}});
        }
        auto [line, col] = line_col(text, builder.error_position_);
        std::string msg = builder.error_message_;
        // Keep nlohmann's explanation, drop its own id prefix: we give ours.
        if (auto p = msg.find("] "); p != std::string::npos) msg = msg.substr(p + 2);
        // nlohmann says "invalid literal" for NaN and Infinity, which JavaScript users expect to work.
        std::size_t word = std::min(builder.error_position_ == 0 ? 0 : builder.error_position_ - 1, text.size());
        while (word > 0 && std::isalpha(static_cast<unsigned char>(text[word - 1]))) --word;
        std::string literal;
        for (std::size_t i = word; i < text.size() && literal.size() < 9 && std::isalpha(static_cast<unsigned char>(text[i])); ++i)
            literal.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(text[i]))));
        if (literal == "nan" || literal == "infinity" || literal == "inf")
            msg += " (JSON has no NaN or Infinity: write a finite number)";
        throw RuleError({Issue{.id = err::rule_json_syntax, .file = source, .line = line, .column = col, .message = "invalid JSON: " + msg}});
    }
    builder.issues_.throw_if_any();
    return std::move(builder.result);
}

namespace {

template <class Json>
std::vector<std::pair<std::string, std::string>> unknown_keys_of(const Json& obj, std::initializer_list<const char*> allowed) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& item : obj.items()) {
        const std::string& k = item.key();
        if (std::none_of(allowed.begin(), allowed.end(), [&](const char* a) { return k == a; })) {
            std::string list;
            for (const char* a : allowed) list += std::string(list.empty() ? "" : ", ") + a;
            out.emplace_back(k, "unknown key '" + k + "'; expected one of: " + list);
        }
    }
    return out;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> unknown_keys(const nlohmann::ordered_json& obj, std::initializer_list<const char*> allowed) {
    return unknown_keys_of(obj, allowed);
}
std::vector<std::pair<std::string, std::string>> unknown_keys(const nlohmann::json& obj, std::initializer_list<const char*> allowed) {
    return unknown_keys_of(obj, allowed);
}

}  // namespace motiv
