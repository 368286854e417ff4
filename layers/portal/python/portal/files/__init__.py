"""Files in the documents bucket: presigned uploads and downloads, and checks on what was uploaded."""
