model m version 1
  timezone "Mars/Olympus_Mons"
