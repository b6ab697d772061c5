# Choose the Qt major from the QXmpp that is found (environment.md):
#  - QXmppQt6 (QXmpp >= 1.5 built for Qt 6) wins when present;
#  - else QXmpp 1.4 on Qt 5 (Debian 12), which needs Qt5 Network/Xml first.
# MPENC_QT_MAJOR forces one of them.
set(_mpenc_try6 ON)
set(_mpenc_try5 ON)
if(MPENC_QT_MAJOR STREQUAL "6")
  set(_mpenc_try5 OFF)
elseif(MPENC_QT_MAJOR STREQUAL "5")
  set(_mpenc_try6 OFF)
endif()

set(MPENC_QT "")
if(_mpenc_try6)
  find_package(QXmppQt6 1.5 QUIET)
  if(QXmppQt6_FOUND)
    find_package(Qt6 6.4 REQUIRED COMPONENTS Core Gui Widgets Network Xml Sql Test)
    set(MPENC_QT 6)
    set(MPENC_QXMPP_TARGET QXmpp::QXmpp)
  endif()
endif()
if(NOT MPENC_QT AND _mpenc_try5)
  find_package(Qt5 5.15 QUIET COMPONENTS Core Gui Widgets Network Xml Sql Test)
  if(Qt5_FOUND)
    find_package(QXmpp 1.4 QUIET)
    if(QXmpp_FOUND)
      set(MPENC_QT 5)
      set(MPENC_QXMPP_TARGET QXmpp::QXmpp)
    endif()
  endif()
endif()
if(NOT MPENC_QT)
  message(FATAL_ERROR "No usable QXmpp found: install QXmpp >= 1.5 for Qt 6 (libqxmppqt6-dev) "
                      "or QXmpp 1.4 for Qt 5 (libqxmpp-dev); run tools/deps.sh. "
                      "Use -DMPENC_CORE_ONLY=ON to build only the engine.")
endif()
set(QT_VERSION_MAJOR ${MPENC_QT})
message(STATUS "mpENC chat: Qt ${MPENC_QT} lane (QXmpp target ${MPENC_QXMPP_TARGET})")

set(CMAKE_AUTOMOC ON)
set(CMAKE_AUTORCC ON)
set(CMAKE_AUTOUIC OFF)

# Strict Qt: no deprecated API from before 5.15, no implicit ASCII casts.
add_compile_definitions(
  QT_DISABLE_DEPRECATED_BEFORE=0x050F00
  QT_NO_CAST_FROM_ASCII
  QT_NO_CAST_TO_ASCII
  QT_NO_CAST_FROM_BYTEARRAY
  QT_NO_URL_CAST_FROM_STRING
  QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
  QT_USE_QSTRINGBUILDER)

include(MpencWarnings)
