"""The release lifecycle after publication: withdrawal, republication, access and trace, audit verification."""
