// Precompiled for the Qt Widgets targets (the dashboard library and the executable). Qt Charts
// stays out: its includes are kept inside ui/charts/.
#pragma once
#include "core.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPainter>
#include <QPushButton>
#include <QVBoxLayout>
#include <QWidget>
