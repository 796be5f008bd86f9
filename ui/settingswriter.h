#pragma once

#include <QObject>
#include <QVariantMap>

class QThread;

namespace nightwatt {

// Writes QSettings on a thread of its own. Each QSettings write locks the settings file and syncs
// it and its lock to the disk, which on a slow or busy disk takes tens of milliseconds: typing
// an assumption or opening a run must not wait for that. Writes are applied in the order given;
// QSettings objects of this process read them as soon as they are applied (one shared copy of
// the file), and destroying the writer waits until all of them are on the disk.
class SettingsWriter : public QObject
{
    Q_OBJECT
public:
    explicit SettingsWriter(QObject *parent = nullptr);
    ~SettingsWriter() override;

    // Keys with an invalid QVariant are removed.
    void write(const QVariantMap &values);
    // Returns once everything written so far is on the disk.
    void flush();

private:
    class Worker;
    QThread *m_thread;
    Worker *m_worker; // lives on m_thread, owns its QSettings
};

} // namespace nightwatt
