#pragma once

#include "live/filetail.h"
#include "live/livesource.h"

namespace nightwatt {

// Follows a growing log like `tail -f` (see FileTail), in any format Nightwatt reads: a
// powermetrics, nvidia-smi or macmon process the user already runs writes the file, Nightwatt
// reads what is appended. A partial last line waits for its newline. When the file starts over
// (truncated, rotated, deleted and made again), the new content gets a new parser and its own
// segment, and an issue says so. With StartAt::End a recorder gets only the header of what was
// there (see LiveSource::beginSkipping), then what is appended.
class FollowSource final : public LiveSource, private FileTail::Reader
{
    Q_OBJECT
public:
    enum class StartAt {
        Beginning, // the whole file so far, then what is appended
        End,       // only what is appended from now on (the parser still reads what is there first,
                   // silently, so it knows the file's header and time axis)
    };

    static constexpr int kDefaultPollMs = FileTail::kDefaultPollMs;

    explicit FollowSource(const QString &path, StartAt startAt = StartAt::Beginning, QObject *parent = nullptr);
    ~FollowSource() override;

    QString description() const override;
    QString path() const { return m_tail->path(); }
    void setPollInterval(int ms) { m_tail->setPollInterval(ms); }
    // Is the file there and being read (false while waiting for it to appear)?
    bool isReading() const { return m_tail->isOpen(); }

public Q_SLOTS:
    // Reads whatever is new now; called by the watcher and the poll timer.
    void check() { m_tail->check(); }

protected:
    void open() override;
    void halt() override;
    void requestStop() override;

private:
    void tailOpened(bool wasThereAtStart) override;
    void tailBytes(QByteArrayView bytes) override;
    void tailRestarted(const QString &why) override;
    void tailFailed(const QString &message) override;

    FileTail *m_tail; // a child, so moveToThread() takes it along
    StartAt m_startAt;
};

} // namespace nightwatt
