# Shared compile settings for every Nightwatt target: warnings on, Qt's string-safety switches.
function(nightwatt_target_settings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align
                                            -Woverloaded-virtual -Wnull-dereference)
  if(NIGHTWATT_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  target_compile_definitions(${target} PRIVATE QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII
                                               QT_NO_URL_CAST_FROM_STRING QT_USE_QSTRINGBUILDER
                                               QT_NO_KEYWORDS)
endfunction()
