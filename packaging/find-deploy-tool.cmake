# mpenc_find_deploy_tool(VAR TOOL): the Qt deployment tool TOOL (windeployqt,
# macdeployqt) of the Qt the app is built with, into the cache variable VAR
# unless it is set already: Qt's imported target for the tool when it has one,
# else the program beside Qt's qmake, else a search of PATH. Used by
# cpack-windows.cmake and cpack-macos.cmake.

function(_mpenc_imported_location out target)
  set(_loc "")
  if(TARGET ${target})
    foreach(_p IMPORTED_LOCATION IMPORTED_LOCATION_RELEASE IMPORTED_LOCATION_RELWITHDEBINFO
               IMPORTED_LOCATION_NOCONFIG IMPORTED_LOCATION_DEBUG)
      get_target_property(_loc ${target} ${_p})
      if(_loc)
        break()
      endif()
    endforeach()
  endif()
  set(${out} "${_loc}" PARENT_SCOPE)
endfunction()

function(mpenc_find_deploy_tool var tool)
  if(${var})
    return()
  endif()
  _mpenc_imported_location(_tool Qt${MPENC_QT}::${tool})
  if(_tool)
    set(${var} "${_tool}" CACHE FILEPATH "${tool} of the Qt the app is built with")
    return()
  endif()
  _mpenc_imported_location(_qmake Qt${MPENC_QT}::qmake)
  set(_qt_bin "")
  if(_qmake)
    get_filename_component(_qt_bin "${_qmake}" DIRECTORY)
  endif()
  find_program(${var} ${tool} HINTS "${_qt_bin}" DOC "${tool} of the Qt the app is built with")
endfunction()
