"""Views of the measures: `pages` (overview, plan, timeline, map, one measure), `exports` (the plan as CSV and
XLSX), `open_data` (JSON, GeoJSON, CSV) and `qr` (QR codes), on the measures of `data`."""
