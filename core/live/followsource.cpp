#include "live/followsource.h"

namespace nightwatt {

FollowSource::FollowSource(const QString &path, StartAt startAt, QObject *parent)
    : LiveSource(parent)
    , m_tail(new FileTail(path, this, this))
    , m_startAt(startAt)
{
}

FollowSource::~FollowSource()
{
    halt();
}

QString FollowSource::description() const
{
    return QStringLiteral("following %1").arg(path());
}

void FollowSource::open()
{
    m_tail->start();
}

void FollowSource::halt()
{
    m_tail->stop();
}

void FollowSource::requestStop()
{
    // Whatever reached the file before the stop still counts.
    m_tail->readAvailable();
    LiveSource::requestStop();
}

void FollowSource::tailOpened(bool wasThereAtStart)
{
    if (m_startAt == StartAt::End && wasThereAtStart) {
        // The parser learns the header and time axis from what is there; the chart, the run and
        // the recorders start with what comes next.
        beginSkipping();
        m_tail->readAvailable();
        endSkipping();
    }
}

void FollowSource::tailBytes(QByteArrayView bytes)
{
    deliver(bytes);
}

void FollowSource::tailRestarted(const QString &why)
{
    restartInput(why);
}

void FollowSource::tailFailed(const QString &message)
{
    fail(message);
}

} // namespace nightwatt
