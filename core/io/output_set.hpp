// Several output files published as one (issue 17: `payroll --format all`, `statements` and `report`
// left some files new and some old when one failed).
//
// Every file is first staged: written in full and fsynced to a temporary beside its target. Only
// when all are staged are they published: each temporary renamed over its target, the previous
// target kept as a hard-linked backup until the whole set is in place. A failure while staging
// changes no target; a failure while publishing puts back the targets already replaced (and
// removes the ones that did not exist). Temporaries and backups are removed in every outcome, and
// ones of this kind left by a killed run (".<name>.tmp-<pid>-..." / ".<name>.bak-<pid>-..." of a
// process that no longer runs) are removed when a new set writes the same target.
// A kill -9 in the middle of publishing (a few renames) can still leave the set mixed; staging,
// where the time goes, cannot.
//
// An output that is also an input of the run (`--force --out` equal to `--data`) is refused.
// Errors (motiv::IoError): io_error.002 cannot write, .003 a target exists and mode is refuse,
// .007 an output is an input, or named twice.
// For tests, MOTIV_FAILPOINT=output_set.publish:N fails the N-th rename (1-based) of a publish.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/io/atomic_file.hpp"

namespace motiv::io {

class OutputSet {
public:
    explicit OutputSet(Overwrite mode);
    OutputSet(const OutputSet&) = delete;
    OutputSet& operator=(const OutputSet&) = delete;
    ~OutputSet();  // removes what was staged, unless published

    // A file this run reads: adding it as an output is refused (io_error.007).
    void input(const std::string& path);
    // Stages `content` for `path` now (io_error.002 when it cannot be written, .003 when the target
    // exists and mode is refuse, .007 when it is an input or already in the set).
    void add(const std::string& path, std::string_view content);

    // add() for content produced a piece at a time (a streamed million-row export is never one
    // string): open() checks `path` as add() does and creates its temporary, returning the file's
    // number; append() writes to it; close() fsyncs it. Every opened file must be closed before
    // publish(). Same errors as add().
    std::size_t open(const std::string& path);
    void append(std::size_t file, std::string_view bytes);
    void close(std::size_t file);
    // Puts every staged file in place, all or none. Call once.
    void publish();

private:
    struct Staged;
    Overwrite mode_;
    std::vector<std::string> inputs_;
    std::vector<std::unique_ptr<Staged>> staged_;
    bool published_ = false;
};

}  // namespace motiv::io
