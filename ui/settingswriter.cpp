#include "settingswriter.h"

#include <QSettings>
#include <QThread>

#include <memory>

namespace nightwatt {

// Made and destroyed on the writer's thread, so QSettings syncs there too (on destruction, and
// from that thread's event loop after a change).
class SettingsWriter::Worker : public QObject
{
public:
    QSettings &settings()
    {
        if (!m_settings)
            m_settings = std::make_unique<QSettings>();
        return *m_settings;
    }
    void close() { m_settings.reset(); }

private:
    std::unique_ptr<QSettings> m_settings;
};

SettingsWriter::SettingsWriter(QObject *parent)
    : QObject(parent)
    , m_thread(new QThread(this))
    , m_worker(new Worker)
{
    m_thread->setObjectName(QStringLiteral("settings"));
    m_worker->moveToThread(m_thread);
    m_thread->start();
}

SettingsWriter::~SettingsWriter()
{
    // Behind the writes already queued: the last sync, then the end of the thread.
    Worker *worker = m_worker;
    QThread *thread = m_thread;
    QMetaObject::invokeMethod(
        m_worker,
        [worker, thread] {
            worker->close();
            thread->quit();
        },
        Qt::QueuedConnection);
    m_thread->wait();
    delete m_worker;
}

void SettingsWriter::write(const QVariantMap &values)
{
    Worker *worker = m_worker;
    QMetaObject::invokeMethod(
        m_worker,
        [worker, values] {
            QSettings &settings = worker->settings();
            for (auto it = values.cbegin(); it != values.cend(); ++it) {
                if (it.value().isValid())
                    settings.setValue(it.key(), it.value());
                else
                    settings.remove(it.key());
            }
        },
        Qt::QueuedConnection);
}

void SettingsWriter::flush()
{
    Worker *worker = m_worker;
    QMetaObject::invokeMethod(m_worker, [worker] { worker->settings().sync(); }, Qt::BlockingQueuedConnection);
}

} // namespace nightwatt
