ALTER TABLE cores_change ADD PRIMARY KEY (id);
