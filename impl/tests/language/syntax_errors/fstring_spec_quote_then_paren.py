print(f"{x:a {e}")
