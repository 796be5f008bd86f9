// Precompiled for the dashboard tests.
#pragma once
#include "widgets.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
