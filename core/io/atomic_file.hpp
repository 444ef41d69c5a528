// Whole-file reads and crash-safe writes.
//
// Pay statements and reports must never be half-written: a reader (or the next run) sees either
// the old file or the complete new one, even if the process dies or the disk fills mid-write.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace motiv::io {

enum class Overwrite { refuse, replace };

// Writes `content` to `path` atomically: a temporary file in the same directory (unique name
// ".<name>.tmp-<pid>-<random>", so the final rename stays on one filesystem), fsync, then rename
// over the target, then fsync of the directory. On any failure the temporary is removed and the
// previous file (if any) is untouched. Throws motiv::IoError:
//   motiv.io_error.002  cannot write (message names the path and the reason)
//   motiv.io_error.003  the target exists and mode is Overwrite::refuse (suggests --force);
//                       checked atomically, so a file created concurrently is not clobbered either
// With Overwrite::replace an existing regular file keeps its permission bits.
void write_file_atomically(const std::string& path, std::string_view content, Overwrite mode);

// write_file_atomically for content produced a piece at a time (a million-row export is never one
// string in memory): the temporary is created by the constructor, append() writes to it, commit()
// does what write_file_atomically does after its write (fsync, rename or no-clobber link, fsync of
// the directory). A writer destroyed without commit() removes its temporary: the target is untouched.
// Same errors as write_file_atomically (the existence check for Overwrite::refuse happens both in
// the constructor, so a refused write costs nothing, and atomically in commit()).
class AtomicFileWriter {
public:
    AtomicFileWriter(std::string path, Overwrite mode);
    AtomicFileWriter(const AtomicFileWriter&) = delete;
    AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;
    AtomicFileWriter(AtomicFileWriter&& other) noexcept;
    AtomicFileWriter& operator=(AtomicFileWriter&&) = delete;
    ~AtomicFileWriter();

    void append(std::string_view bytes);
    void commit();
    [[nodiscard]] const std::string& path() const { return path_; }

private:
    std::string path_, tmp_;
    Overwrite mode_;
    int fd_ = -1;
    bool replace_mode_bits_ = false;
};

// Reads a whole file. Throws motiv::IoError motiv.io_error.001 naming the path when it cannot be
// opened or read (or is a directory), motiv.io_error.004 when it is larger than max_bytes.
std::string read_file(const std::string& path, std::size_t max_bytes = (std::size_t{1} << 30));

}  // namespace motiv::io
