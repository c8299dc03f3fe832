print(f"caught {e!rt("aft}")
