#include "core/io/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <system_error>
#include <utility>

#include "core/errors.hpp"
#include "core/io/output_set.hpp"

namespace motiv::io {

namespace {

constexpr const char* kCannotRead = "motiv.io_error.001";
constexpr const char* kTooLarge = "motiv.io_error.004";

// std::strerror is not thread-safe; the generic category's message is.
std::string reason(int err) { return std::generic_category().message(err); }

// Closes the descriptor on every path out of a scope.
class FileDescriptor {
public:
    explicit FileDescriptor(int fd) noexcept : fd_(fd) {}
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    ~FileDescriptor() {
        if (fd_ >= 0) ::close(fd_);
    }

private:
    int fd_;
};

}  // namespace

// One file is a set of one: the staging, no-clobber and permission rules live in OutputSet.
void write_file_atomically(const std::string& path, std::string_view content, Overwrite mode) {
    OutputSet set(mode);
    set.add(path, content);
    set.publish();
}

std::string read_file(const std::string& path, std::size_t max_bytes) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw IoError(kCannotRead, "cannot open '" + path + "': " + reason(errno));
    FileDescriptor file(fd);

    struct stat st {};
    if (::fstat(fd, &st) != 0) throw IoError(kCannotRead, "cannot read '" + path + "': " + reason(errno));
    if (S_ISDIR(st.st_mode)) throw IoError(kCannotRead, "cannot open '" + path + "': it is a directory");
    const auto too_large = [&] {
        return IoError(kTooLarge, "cannot read '" + path + "': larger than the limit of " +
                                      std::to_string(max_bytes) + " bytes");
    };
    std::string out;
    if (S_ISREG(st.st_mode)) {
        if (static_cast<std::uintmax_t>(st.st_size) > max_bytes) throw too_large();
        out.reserve(static_cast<std::size_t>(st.st_size));
    }
    // Read until EOF rather than trusting st_size: the file may grow, or be a pipe. Asking for one
    // byte past the limit is how a file that is too large is noticed without reading all of it.
    constexpr std::size_t kChunk = std::size_t{1} << 16;
    for (;;) {
        const std::size_t old = out.size();
        const std::size_t remaining = max_bytes - old;
        const std::size_t want = remaining >= kChunk ? kChunk : remaining + 1;
        out.resize(old + want);
        const ssize_t n = ::read(fd, out.data() + old, want);
        if (n < 0) {
            out.resize(old);
            if (errno == EINTR) continue;
            throw IoError(kCannotRead, "cannot read '" + path + "': " + reason(errno));
        }
        out.resize(old + static_cast<std::size_t>(n));
        if (n == 0) break;
        if (out.size() > max_bytes) throw too_large();
    }
    return out;
}

}  // namespace motiv::io
