// motiv._core.compute_columns / sweep_columns: the batch engine (core/batch) on NumPy columns.
//
// Columns are read in place (contiguous 1-D int64 arrays, checked for length and dtype: a
// ValueError otherwise, never a silent copy), the GIL is released while the engine runs, and
// results come back as NumPy arrays that own the engine's buffers (no copy either).
#include <type_traits>
#include <unordered_map>

#include <pybind11/functional.h>
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "bindings/register.hpp"
#include "core/batch/batch.hpp"
#include "core/batch/sweep.hpp"
#include "core/data/column_source.hpp"

namespace motiv::bindings {

namespace {

// A vector moved into a NumPy array that frees it when Python is done with it. `As` reads the
// elements as another type of the same size (RowStatus, an enum over uint8_t, as uint8).
template <class As = void, class T, class A>
auto to_numpy(std::vector<T, A>&& v, std::vector<py::ssize_t> shape) {
    using E = std::conditional_t<std::is_void_v<As>, T, As>;
    static_assert(sizeof(E) == sizeof(T));
    auto* owned = new std::vector<T, A>(std::move(v));
    py::capsule free_it(owned, [](void* p) { delete static_cast<std::vector<T, A>*>(p); });
    return py::array_t<E>(shape, reinterpret_cast<const E*>(owned->data()), free_it);
}

template <class T>
std::span<const T> column_span(const py::array& a, const std::string& what, py::ssize_t rows) {
    if (!py::isinstance<py::array_t<T>>(a) || !a.dtype().is(py::dtype::of<T>()))
        throw py::value_error(what + ": expected a NumPy array of dtype " + py::str(py::dtype::of<T>()).cast<std::string>() +
                              ", got " + py::str(a.dtype()).cast<std::string>());
    if (a.ndim() != 1) throw py::value_error(what + ": expected a 1-D array, got " + std::to_string(a.ndim()) + " dimensions");
    if (!(a.flags() & py::array::c_style)) throw py::value_error(what + ": expected a contiguous array (use numpy.ascontiguousarray)");
    if (rows >= 0 && a.shape(0) != rows)
        throw py::value_error(what + ": expected " + std::to_string(rows) + " values, got " + std::to_string(a.shape(0)));
    return {static_cast<const T*>(a.data()), static_cast<std::size_t>(a.shape(0))};
}

}  // namespace

// role: uint32 role indices (see register.hpp); columns: {input name: (int64 values, scale, uint8/bool mask or None)}.
BatchColumns make_input(const SchemeHandle& h, const py::array& role, const py::dict& columns) {
    const Scheme& s = h.compiled->scheme();
    BatchColumns c;
    c.keep.push_back(role);
    c.input.role = column_span<std::uint32_t>(role, "role", -1);
    const auto rows = static_cast<py::ssize_t>(c.input.role.size());
    c.input.columns.resize(s.inputs.size());
    for (const auto& [key, value] : columns) {
        const std::string name = py::str(key).cast<std::string>();
        const InputDecl* in = s.find_input(name);
        if (!in) throw py::value_error("unknown input column '" + name + "': not an input of scheme " + s.name);
        const auto t = value.cast<py::tuple>();
        if (t.size() != 3) throw py::value_error("column '" + name + "': expected (values, scale, mask)");
        const auto idx = static_cast<std::size_t>(in - s.inputs.data());
        batch::Column& col = c.input.columns[idx];
        const auto values = t[0].cast<py::array>();
        c.keep.push_back(values);
        col.values = column_span<std::int64_t>(values, "column '" + name + "'", rows);
        col.scale = t[1].cast<int>();
        if (col.scale < 0 || col.scale > Decimal::kPlaces) throw py::value_error("column '" + name + "': scale must be 0..9");
        if (!t[2].is_none()) {
            auto mask = t[2].cast<py::array>();
            if (mask.dtype().is(py::dtype::of<bool>())) mask = mask.attr("view")(py::dtype::of<std::uint8_t>()).cast<py::array>();
            c.keep.push_back(mask);
            col.present = column_span<std::uint8_t>(mask, "mask of column '" + name + "'", rows);
        }
    }
    return c;
}

namespace {

// A writable, contiguous array of `shape` and dtype T from a previous result (`out=`), as a span.
// The array is also kept in `keep`: the engine writes it with the GIL released, while another
// thread could drop it from the dict.
template <class T>
std::span<T> out_span(const py::dict& out, const char* key, std::vector<py::ssize_t> shape, std::vector<py::object>& keep) {
    if (!out.contains(key)) throw py::value_error(std::string("out: no '") + key + "' array (pass a result of compute_columns)");
    const auto a = py::reinterpret_borrow<py::object>(out[key]);
    if (!py::isinstance<py::array>(a)) throw py::value_error(std::string("out['") + key + "']: expected a NumPy array");
    auto arr = a.cast<py::array>();
    if (!arr.dtype().is(py::dtype::of<T>()))
        throw py::value_error(std::string("out['") + key + "']: expected dtype " + py::str(py::dtype::of<T>()).cast<std::string>() + ", got " +
                              py::str(arr.dtype()).cast<std::string>());
    if (!(arr.flags() & py::array::c_style) || !arr.writeable()) throw py::value_error(std::string("out['") + key + "']: expected a writable C-contiguous array");
    std::vector<py::ssize_t> got(arr.shape(), arr.shape() + arr.ndim());
    if (got != shape) {
        auto show = [](const std::vector<py::ssize_t>& v) {
            std::string t = "(";
            for (std::size_t i = 0; i < v.size(); ++i) t += (i ? ", " : "") + std::to_string(v[i]);
            return t + (v.size() == 1 ? ",)" : ")");
        };
        throw py::value_error(std::string("out['") + key + "']: expected shape " + show(shape) + ", got " + show(got) + " (a result for other rows or another scheme)");
    }
    keep.push_back(arr);
    return {static_cast<T*>(arr.mutable_data()), static_cast<std::size_t>(arr.size())};
}

py::dict result_dict(batch::Result&& r) {
    py::dict d;
    const auto rows = static_cast<py::ssize_t>(r.rows);
    d["components"] = r.components;
    d["minor_units"] = r.minor_units;
    d["amounts"] = to_numpy(std::move(r.amounts), {rows, static_cast<py::ssize_t>(r.components.size())});
    d["total"] = to_numpy(std::move(r.total), {rows});
    d["status"] = to_numpy<std::uint8_t>(std::move(r.status), {rows});
    d["bad_input"] = to_numpy(std::move(r.bad_input), {rows});
    d["failed"] = r.failed_rows;
    return d;
}

}  // namespace

void register_batch(py::module_& m) {
    m.def("read_columns", [](const SchemeHandle& h, std::vector<std::string> header, std::unordered_map<std::string, std::vector<std::string>> text,
                             std::size_t rows, const std::string& period) {
        const Period p = parse_period_arg(period);
        data::ColumnsSource src;
        src.header = std::move(header);
        src.text = std::move(text);
        src.rows = rows;
        data::KeptRows kept;
        {
            py::gil_scoped_release release;
            kept = data::read_columns(*h.compiled, p, src);
        }
        const auto n = static_cast<py::ssize_t>(kept.rows.size());
        py::dict d;
        d["rows"] = to_numpy(std::move(kept.rows), {n});
        d["role"] = to_numpy(std::move(kept.role), {n});
        py::dict cols;
        const Scheme& s = h.compiled->scheme();
        for (auto& [idx, c] : kept.columns)
            cols[py::str(s.inputs[idx].name)] = py::make_tuple(to_numpy(std::move(c.values), {n}), c.scale, to_numpy(std::move(c.present), {n}));
        d["columns"] = cols;
        return d;
    }, py::arg("scheme"), py::arg("header"), py::arg("text"), py::arg("rows"), py::kw_only(), py::arg("period"),
          "The one reader (core/data/people_reader.hpp) on columns: text cells of the key and non-integer input columns in;\n"
          "the positions of the rows to pay, their role indices and the converted columns (prorata from the dates included) out.");

    m.def("compute_columns", [](const SchemeHandle& h, const py::array& role, const py::dict& columns, const std::string& period,
                                unsigned threads, bool check, const std::optional<py::dict>& out) -> py::dict {
        const Period p = parse_period_arg(period);
        BatchColumns c = make_input(h, role, columns);
        batch::Options opt;
        opt.threads = threads;
        if (!out) {
            batch::Result r;
            {
                py::gil_scoped_release release;
                const BoundParameters params = h.compiled->bind(p);
                r = batch::compute(*h.compiled, params, c.input, opt);
                if (check) batch::check(r, *h.compiled, c.input);
            }
            return result_dict(std::move(r));
        }
        // Into the arrays of an earlier result (same rows, same scheme's pay columns): no new pages.
        const auto rows = static_cast<py::ssize_t>(c.input.role.size());
        const auto ncols = static_cast<py::ssize_t>(batch::result_components(*h.compiled).size());
        std::vector<py::object> keep;
        const std::span<std::uint8_t> status = out_span<std::uint8_t>(*out, "status", {rows}, keep);
        const batch::Output into{out_span<std::int64_t>(*out, "amounts", {rows, ncols}, keep), out_span<std::int64_t>(*out, "total", {rows}, keep),
                                 {reinterpret_cast<batch::RowStatus*>(status.data()), status.size()},
                                 out_span<std::uint32_t>(*out, "bad_input", {rows}, keep), false};
        std::size_t failed = 0;
        {
            py::gil_scoped_release release;
            const BoundParameters params = h.compiled->bind(p);
            failed = batch::compute_into(*h.compiled, params, c.input, into, opt);
            if (check && failed > 0) batch::check(into.status, into.bad_input, *h.compiled, c.input);
        }
        (*out)["failed"] = failed;
        (*out)["components"] = batch::result_components(*h.compiled);
        (*out)["minor_units"] = h.compiled->scheme().currency.minor_units;
        return *out;
    }, py::arg("scheme"), py::arg("role"), py::arg("columns"), py::kw_only(), py::arg("period"), py::arg("threads") = 0u,
          py::arg("check") = true, py::arg("out") = py::none(),
          "Pays many rows from NumPy columns; returns components, amounts (rows x components, int64 minor units), total, status,\n"
          "bad_input and failed. out= an earlier result of the same shape: its arrays are overwritten in place and it is returned.");

    m.def("sweep_columns", [](const SchemeHandle& h, const py::array& role, const py::dict& columns, const std::string& period,
                              const std::string& parameter, const std::vector<std::string>& values, unsigned threads,
                              const std::function<void(std::size_t)>& progress) {
        const Period p = parse_period_arg(period);
        BatchColumns c = make_input(h, role, columns);
        std::vector<std::vector<Decimal>> points;  // one point per value: the one-parameter grid
        for (const auto& v : values) {
            auto d = Decimal::parse(v);
            if (!d) throw py::value_error("sweep value '" + v + "' is not an exact decimal");
            points.push_back({*d});
        }
        std::vector<batch::SweepPoint> pts;
        {
            const batch::SweepProgress report = progress_feed(progress);
            py::gil_scoped_release release;
            pts = batch::sweep_points(*h.compiled, h.compiled->bind(p), c.input, {parameter}, points, threads, report);
        }
        std::vector<std::int64_t> total(pts.size()), failed(pts.size());
        const std::size_t nroles = h.compiled->roles().size();
        std::vector<std::int64_t> by_role(pts.size() * nroles);
        for (std::size_t k = 0; k < pts.size(); ++k) {
            total[k] = pts[k].total;
            failed[k] = static_cast<std::int64_t>(pts[k].failed);
            for (std::size_t r = 0; r < nroles; ++r) by_role[k * nroles + r] = pts[k].role_total[r];
        }
        py::dict d;
        const auto n = static_cast<py::ssize_t>(pts.size());
        d["total"] = to_numpy(std::move(total), {n});
        d["failed"] = to_numpy(std::move(failed), {n});
        d["role_total"] = to_numpy(std::move(by_role), {n, static_cast<py::ssize_t>(nroles)});
        return d;
    }, py::arg("scheme"), py::arg("role"), py::arg("columns"), py::kw_only(), py::arg("period"), py::arg("parameter"),
          py::arg("values"), py::arg("threads") = 0u, py::arg("progress") = py::none(),
          "Pays the same rows once per value of a scalar parameter; returns cost per value (int64 minor units).\n"
          "progress: called with the count of values done (from the sweep, with the GIL taken).");
}

}  // namespace motiv::bindings
