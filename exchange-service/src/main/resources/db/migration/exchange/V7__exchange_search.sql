-- Issue 15: the operators' search reads exchanges newest first, by state or not, and counts the last day's per state.
CREATE INDEX exchange_by_created ON exchange (created_at);
CREATE INDEX exchange_by_state ON exchange (state, created_at);
