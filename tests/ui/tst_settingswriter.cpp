// Settings are written on a thread of their own, so that the window never waits for the disk.
// What is written must still be what is read back, in order, and be on the disk when the writer
// goes away.
#include "settingswriter.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QLockFile>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QThread>

using namespace nightwatt;

class TestSettingsWriter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void writesInOrderAndRemoves();
    void writesOffTheCallingThread();
    void everythingIsOnDiskWhenTheWriterGoes();
};

void TestSettingsWriter::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("NightwattTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_settingswriter"));
}

void TestSettingsWriter::init()
{
    QSettings().clear();
}

void TestSettingsWriter::writesInOrderAndRemoves()
{
    SettingsWriter writer;
    writer.write({{QStringLiteral("a"), 1}, {QStringLiteral("gone"), QStringLiteral("x")}});
    writer.write({{QStringLiteral("a"), 2}, {QStringLiteral("b"), QStringList{QStringLiteral("p"), QStringLiteral("q")}}});
    writer.write({{QStringLiteral("gone"), QVariant()}});
    writer.flush();
    const QSettings settings;
    QCOMPARE(settings.value(QStringLiteral("a")).toInt(), 2);
    QCOMPARE(settings.value(QStringLiteral("b")).toStringList(), (QStringList{QStringLiteral("p"), QStringLiteral("q")}));
    QVERIFY(!settings.contains(QStringLiteral("gone")));
}

void TestSettingsWriter::writesOffTheCallingThread()
{
    // While the settings file is locked by someone else, a write must not hold up the caller:
    // QSettings waits for the lock in the writer's thread.
    const QString file = QSettings().fileName();
    QSettings().setValue(QStringLiteral("seed"), 1); // the file exists
    QSettings().sync();
    SettingsWriter writer;
    QLockFile lock(file + QStringLiteral(".lock"));
    QVERIFY(lock.tryLock());
    QElapsedTimer clock;
    clock.start();
    writer.write({{QStringLiteral("late"), 7}});
    QTest::qWait(300); // the writer has set the value and is waiting for the lock to sync it
    QVERIFY2(clock.elapsed() < 1000, "the caller waited for the settings file");
    lock.unlock();
    writer.flush();
    QFile text(file);
    QVERIFY(text.open(QIODevice::ReadOnly));
    QVERIFY2(text.readAll().contains("late=7"), qPrintable(file));
}

void TestSettingsWriter::everythingIsOnDiskWhenTheWriterGoes()
{
    const QString file = QSettings().fileName();
    {
        SettingsWriter writer;
        for (int i = 0; i < 50; ++i)
            writer.write({{QStringLiteral("count"), i}});
    }
    // Read the file itself: QSettings objects of this process share what is not written yet.
    QFile text(file);
    QVERIFY(text.open(QIODevice::ReadOnly));
    QVERIFY2(text.readAll().contains("count=49"), qPrintable(file));
}

QTEST_GUILESS_MAIN(TestSettingsWriter)
#include "tst_settingswriter.moc"
