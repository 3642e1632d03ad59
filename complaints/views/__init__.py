"""Public views of the complaint journey: intake wizard and tracking."""
