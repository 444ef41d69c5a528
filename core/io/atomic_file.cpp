#include "core/io/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <random>
#include <system_error>
#include <utility>

#include "core/errors.hpp"

namespace motiv::io {

namespace {

namespace fs = std::filesystem;

constexpr const char* kCannotRead = "motiv.io_error.001";
constexpr const char* kCannotWrite = "motiv.io_error.002";
constexpr const char* kExists = "motiv.io_error.003";
constexpr const char* kTooLarge = "motiv.io_error.004";

// std::strerror is not thread-safe; the generic category's message is.
std::string reason(int err) { return std::generic_category().message(err); }

[[noreturn]] void cannot_write(const std::string& path, const std::string& why) {
    throw IoError(kCannotWrite, "cannot write '" + path + "': " + why);
}

[[noreturn]] void target_exists(const std::string& path) {
    throw IoError(kExists, "refusing to overwrite existing file '" + path + "'; ask to replace it explicitly (--force, or force=True from Python)");
}

// Closes the descriptor on every path out of a scope.
class FileDescriptor {
public:
    explicit FileDescriptor(int fd) noexcept : fd_(fd) {}
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    ~FileDescriptor() {
        if (fd_ >= 0) ::close(fd_);
    }
    [[nodiscard]] int get() const noexcept { return fd_; }
    int release() noexcept { return std::exchange(fd_, -1); }

private:
    int fd_;
};

// Removes the temporary file unless it was renamed into place: no partial file is ever left.
class TemporaryFile {
public:
    explicit TemporaryFile(std::string path) : path_(std::move(path)) {}
    TemporaryFile(const TemporaryFile&) = delete;
    TemporaryFile& operator=(const TemporaryFile&) = delete;
    ~TemporaryFile() {
        if (!path_.empty()) ::unlink(path_.c_str());
    }
    void keep() noexcept { path_.clear(); }
    [[nodiscard]] const std::string& path() const noexcept { return path_; }

private:
    std::string path_;
};

// The pid alone is not unique enough: threads of one process, or a temporary left behind by a
// killed process whose pid was reused.
std::string random_suffix() {
    static std::atomic<std::uint64_t> counter{0};
    std::uint64_t r = counter.fetch_add(1) * 0x9E3779B97F4A7C15ULL;
    r ^= static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
    try {
        std::random_device rd;
        r ^= (static_cast<std::uint64_t>(rd()) << 32) | rd();
    } catch (...) {
        // No entropy source: the counter and the clock still make the name unique in practice,
        // and O_EXCL plus the retry loop make a collision harmless.
    }
    static constexpr char kHex[] = "0123456789abcdef";
    std::string s(16, '0');
    for (auto& c : s) {
        c = kHex[r & 0xF];
        r >>= 4;
    }
    return s;
}

bool write_all(int fd, std::string_view content) {
    const char* p = content.data();
    std::size_t left = content.size();
    while (left > 0) {
        // Some kernels refuse single writes above 2 GiB; chunk to stay far below.
        const std::size_t want = left < (std::size_t{1} << 30) ? left : (std::size_t{1} << 30);
        const ssize_t n = ::write(fd, p, want);
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        p += n;
        left -= static_cast<std::size_t>(n);
    }
    return true;
}

// Makes the rename durable. Best effort: the new file is already complete and in place, and some
// filesystems refuse fsync on a directory.
void sync_directory(const fs::path& dir) {
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

bool exists_no_follow(const std::string& path, struct stat& st) { return ::lstat(path.c_str(), &st) == 0; }

}  // namespace

AtomicFileWriter::AtomicFileWriter(std::string path, Overwrite mode) : path_(std::move(path)), mode_(mode) {
    const fs::path target(path_);
    const std::string name = target.filename().string();
    if (name.empty() || name == "." || name == "..") cannot_write(path_, "not a file name");
    const fs::path dir = target.parent_path();

    // Early check so a refused write costs nothing; the link() in commit() is what makes it race-free.
    struct stat old {};
    const bool existed = exists_no_follow(path_, old);
    if (existed && mode == Overwrite::refuse) target_exists(path_);

    // Keep the temporary name below NAME_MAX (255) however long the target's name is.
    const std::string stem = "." + name.substr(0, 200) + ".tmp-" + std::to_string(::getpid()) + "-";
    for (int attempt = 0; attempt < 16; ++attempt) {
        tmp_ = (dir.empty() ? fs::path(stem + random_suffix()) : dir / (stem + random_suffix())).string();
        fd_ = ::open(tmp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd_ >= 0 || errno != EEXIST) break;
    }
    if (fd_ < 0) {
        const int err = errno;
        tmp_.clear();
        if (err == ENOENT) cannot_write(path_, "directory '" + (dir.empty() ? "." : dir.string()) + "' does not exist");
        cannot_write(path_, reason(err));
    }
    // A replaced file keeps its permissions (e.g. a report made private stays private).
    if (existed && S_ISREG(old.st_mode)) ::fchmod(fd_, old.st_mode & 07777);
}

AtomicFileWriter::AtomicFileWriter(AtomicFileWriter&& other) noexcept
    : path_(std::move(other.path_)), tmp_(std::exchange(other.tmp_, {})), mode_(other.mode_), fd_(std::exchange(other.fd_, -1)) {}

AtomicFileWriter::~AtomicFileWriter() {
    if (fd_ >= 0) ::close(fd_);
    if (!tmp_.empty()) ::unlink(tmp_.c_str());
}

void AtomicFileWriter::append(std::string_view bytes) {
    if (fd_ < 0) cannot_write(path_, "the file was already committed");
    if (!write_all(fd_, bytes)) cannot_write(path_, reason(errno));
}

void AtomicFileWriter::commit() {
    if (fd_ < 0) cannot_write(path_, "the file was already committed");
    if (::fsync(fd_) != 0) cannot_write(path_, reason(errno));
    // close() can report a deferred write error (NFS); on Linux the descriptor is gone even then.
    if (::close(std::exchange(fd_, -1)) != 0 && errno != EINTR) cannot_write(path_, reason(errno));
    TemporaryFile guard(std::exchange(tmp_, {}));
    const std::string& tmp = guard.path();
    if (mode_ == Overwrite::replace) {
        if (::rename(tmp.c_str(), path_.c_str()) != 0) cannot_write(path_, reason(errno));
        guard.keep();
    } else if (::link(tmp.c_str(), path_.c_str()) != 0) {
        // link() fails with EEXIST instead of replacing: the no-clobber check is atomic. The guard
        // removes the temporary name in both outcomes.
        const int err = errno;
        if (err == EEXIST) target_exists(path_);
        if (err != EPERM && err != ENOTSUP && err != EOPNOTSUPP && err != ENOSYS && err != EMLINK) {
            cannot_write(path_, reason(err));
        }
        // A filesystem without hard links (FAT, some network mounts): fall back to check-then-rename.
        struct stat now {};
        if (exists_no_follow(path_, now)) target_exists(path_);
        if (::rename(tmp.c_str(), path_.c_str()) != 0) cannot_write(path_, reason(errno));
        guard.keep();
    }
    const fs::path dir = fs::path(path_).parent_path();
    sync_directory(dir.empty() ? fs::path(".") : dir);
}

void write_file_atomically(const std::string& path, std::string_view content, Overwrite mode) {
    AtomicFileWriter file(path, mode);
    file.append(content);
    file.commit();
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
