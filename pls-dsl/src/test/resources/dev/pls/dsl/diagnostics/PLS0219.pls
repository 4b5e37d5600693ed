model trial
event data_source_connected
category activation {
  data_source_connected within 14d : +15 "Connected a data source" [connected_source]
}
activation conected_source
