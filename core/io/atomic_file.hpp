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

// Writes `content` to `path` atomically (an io::OutputSet of one file, output_set.hpp): a temporary
// file in the same directory (unique name ".<name>.tmp-<pid>-<random>", so the final rename stays
// on one filesystem), fsync, then rename over the target, then fsync of the directory. On any failure the temporary is removed and the
// previous file (if any) is untouched. Throws motiv::IoError:
//   motiv.io_error.002  cannot write (message names the path and the reason)
//   motiv.io_error.003  the target exists and mode is Overwrite::refuse (suggests --force);
//                       checked atomically, so a file created concurrently is not clobbered either
// With Overwrite::replace an existing regular file keeps its permission bits.
void write_file_atomically(const std::string& path, std::string_view content, Overwrite mode);

// Reads a whole file. Throws motiv::IoError motiv.io_error.001 naming the path when it cannot be
// opened or read (or is a directory), motiv.io_error.004 when it is larger than max_bytes.
std::string read_file(const std::string& path, std::size_t max_bytes = (std::size_t{1} << 30));

}  // namespace motiv::io
