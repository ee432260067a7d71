--liquibase formatted sql

--changeset cores.domain:022-host-label-prefix-index
-- A form's reference to a host is typed into when there are more than a select lists, and what is
-- typed is looked up by the hostname's start (lower(hostname) LIKE 'web1%'). The unique index on
-- lower(hostname) cannot serve a LIKE outside the C collation; with text_pattern_ops it can: a
-- term that matches nothing reads no host instead of all 5,000.
CREATE INDEX inventory_host_hostname_prefix_idx ON inventory_host (lower(hostname) text_pattern_ops);
