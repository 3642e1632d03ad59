"""Forms of the public complaint journey: the intake wizard steps and case tracking."""
