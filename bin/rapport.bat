@echo off
rem The rapport command line on Windows: lib\rapport.jar of an unpacked distribution, or
rem core\target\rapport.jar of a source checkout. %~dp0 is the folder of this script; a shortcut
rem or a copy of it elsewhere should set RAPPORT_JAR.
setlocal
set "here=%~dp0"
if defined RAPPORT_JAR (
  set "jar=%RAPPORT_JAR%"
) else if exist "%here%..\lib\rapport.jar" (
  set "jar=%here%..\lib\rapport.jar"
) else (
  set "jar=%here%..\core\target\rapport.jar"
)
if not exist "%jar%" (
  echo rapport: cannot read %jar%; build it with 'mvn package', or set RAPPORT_JAR 1>&2
  exit /b 2
)
set "java=java"
if defined JAVA_HOME set "java=%JAVA_HOME%\bin\java"
set "jsa=%jar:~0,-4%.jsa"
if exist "%jsa%" (
  "%java%" -XX:SharedArchiveFile="%jsa%" -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "%jar%" %*
) else (
  "%java%" -jar "%jar%" %*
)
exit /b %ERRORLEVEL%
