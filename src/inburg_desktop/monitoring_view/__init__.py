"""What the office's monitoring report looks like, for every renderer of it.

Shared by the office server's HTML page (``server.monitoring_html``) and the PDF
(``pdf.monitoring_report``): the Dutch words of the tables, the charts (matplotlib, Agg),
and the report as a JSON document that crosses from the office to the PDF process
(the server may not import the PDF layer, as with the subject-access overview). It
imports only ``domain``; it shows only what the report publishes (a hidden cell holds no
value, ``domain.monitoring.Cel``), so no renderer can leak a suppressed count.
"""
